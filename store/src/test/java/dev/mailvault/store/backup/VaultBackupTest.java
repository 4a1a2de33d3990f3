package dev.mailvault.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultKeyException;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of real encrypted vaults into a real folder, and restores from them. */
class VaultBackupTest {

  private static final String SECRET_SUBJECT = "Quarterly figures for Zanzibar";
  private static final String SECRET_BODY = "the vault combination is 4711-plaintext";
  private static final String SECRET_ADDRESS = "hello.secret@example.com";
  private static final byte[] WRAPPED =
      "opaque wrapped key record".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private VaultStore store;
  private LocalDirectoryTarget target;
  private VaultBackup backup;
  private byte[] key;

  @BeforeEach
  void setUp() {
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    target = new LocalDirectoryTarget(dir.resolve("backups"));
    backup =
        new VaultBackup(
            new BackupCatalog(target),
            dir.resolve("staging"),
            GenerationPolicy.DEFAULT,
            Clock.systemUTC());
    key = randomKey();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void anUnchangedVaultIsNotUploadedAgainAndAChangedOneIs() throws Exception {
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      append(vault, 1);
      // the full-text index follows the append in the background (ADR 0220): let it finish
      vault.indexTextNow();
      BackupResult first = backup.backUp(vault, WRAPPED);
      assertThat(first).isInstanceOf(BackupResult.Uploaded.class);
      BackupResult second = backup.backUp(vault, WRAPPED);
      assertThat(second)
          .isEqualTo(new BackupResult.Unchanged(((BackupResult.Uploaded) first).manifest()));
      append(vault, 2);
      assertThat(backup.backUp(vault, WRAPPED)).isInstanceOf(BackupResult.Uploaded.class);
    }
    assertThat(backup.catalog().times("v1")).hasSize(2);
    assertThat(target.list("")).hasSize(4).allMatch(k -> k.startsWith("v1/"));
    assertThat(Files.list(dir.resolve("staging")).toList()).isEmpty();
  }

  @Test
  void theManifestDescribesTheObject() throws Exception {
    BackupManifest manifest;
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      append(vault, 1);
      manifest = ((BackupResult.Uploaded) backup.backUp(vault, WRAPPED)).manifest();
    }
    byte[] object =
        Files.readAllBytes(target.root().resolve(BackupKeys.object("v1", manifest.created())));
    assertThat(manifest.size()).isEqualTo(object.length);
    assertThat(manifest.sha256()).isEqualTo(VaultBackup.newSha256().digest(object));
    assertThat(manifest.schemaVersion()).isPositive();
    assertThat(manifest.wrappedKey()).isEqualTo(WRAPPED);
    assertThat(BackupManifest.fromJson(manifest.toJson())).isEqualTo(manifest);
    assertThat(backup.catalog().newest("v1")).contains(manifest);
  }

  @Test
  void backupObjectsAndManifestsHoldNoPlaintext() throws Exception {
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      for (int i = 0; i < 20; i++) {
        append(vault, i);
      }
      assertThat(backup.backUp(vault, WRAPPED)).isInstanceOf(BackupResult.Uploaded.class);
    }
    List<String> keys = target.list("");
    assertThat(keys).hasSize(2);
    for (String k : keys) {
      String bytes = Files.readString(target.root().resolve(k), StandardCharsets.ISO_8859_1);
      assertThat(bytes)
          .doesNotContain("Zanzibar", "4711-plaintext", SECRET_ADDRESS, "example.com")
          .doesNotContain("SQLite format 3");
    }
  }

  @Test
  void aCopyDamagedAfterVacuumIsNeverUploaded() throws Exception {
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      for (int i = 0; i < 40; i++) {
        append(vault, i);
      }
      backup.afterCopy(copy -> flipBytes(copy, Math.max(4096, size(copy) / 2), 64));
      BackupResult result = backup.backUp(vault, WRAPPED);
      assertThat(result).isInstanceOf(BackupResult.Rejected.class);
      backup.afterCopy(copy -> flipBytes(copy, 0, 16)); // the salt: nothing decrypts
      assertThat(backup.backUp(vault, WRAPPED)).isInstanceOf(BackupResult.Rejected.class);
    }
    assertThat(target.list("")).isEmpty();
    assertThat(Files.list(dir.resolve("staging")).toList()).isEmpty();
  }

  @Test
  void aDamagedVaultFileIsNeverUploaded() throws Exception {
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      for (int i = 0; i < 60; i++) {
        append(vault, i);
      }
      vault.checkpoint();
    }
    Path file = store.fileOf("v1");
    flipBytes(file, size(file) - 3 * 4096, 64); // a page near the end: message content
    try (Vault vault = store.open("v1", key, QuotaLedger.UNLIMITED)) {
      assertThat(backup.backUp(vault, WRAPPED)).isInstanceOf(BackupResult.Rejected.class);
    }
    assertThat(target.list("")).isEmpty();
  }

  @Test
  void aRestoreReplacesTheLiveVaultAndTellsItsListeners() throws Exception {
    Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED);
    append(vault, 1);
    BackupManifest taken = ((BackupResult.Uploaded) backup.backUp(vault, WRAPPED)).manifest();
    append(vault, 2);
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    vault.addListener(heard::add);

    BackupRestore restore = new BackupRestore(backup.catalog(), dir.resolve("staging"));
    Path checked = restore.fetchChecked(taken, key);
    store.replace("v1", checked);

    org.awaitility.Awaitility.await().until(() -> heard.contains(new VaultEvent.VaultReplaced()));
    assertThatThrownBy(() -> vault.uids("INBOX")).isInstanceOf(IllegalStateException.class);
    vault.close();
    try (Vault reopened = store.open("v1", key, QuotaLedger.UNLIMITED)) {
      assertThat(reopened.uids("INBOX")).containsExactly(1);
      assertThat(reopened.integrityCheck()).isEqualTo("ok");
    }
    assertThat(Files.exists(checked)).isFalse();
  }

  @Test
  void aBackupDoesNotOpenWithAnotherKey() throws Exception {
    BackupManifest taken;
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      append(vault, 1);
      taken = ((BackupResult.Uploaded) backup.backUp(vault, WRAPPED)).manifest();
    }
    BackupRestore restore = new BackupRestore(backup.catalog(), dir.resolve("staging"));
    assertThatThrownBy(() -> restore.fetchChecked(taken, randomKey()))
        .isInstanceOf(VaultKeyException.class);
    assertThat(Files.list(dir.resolve("staging")).toList()).isEmpty();
  }

  @Test
  void aDownloadWhoseBytesDoNotMatchTheManifestIsRefused() throws Exception {
    BackupManifest taken;
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      append(vault, 1);
      taken = ((BackupResult.Uploaded) backup.backUp(vault, WRAPPED)).manifest();
    }
    Path object = target.root().resolve(BackupKeys.object("v1", taken.created()));
    flipBytes(object, 5000, 1);
    Path out = dir.resolve("download.vault");
    BackupRestore restore = new BackupRestore(backup.catalog(), dir.resolve("staging"));
    assertThatThrownBy(() -> restore.download(taken, out))
        .isInstanceOf(BackupFormatException.class)
        .hasMessageContaining("SHA-256");
    assertThat(out).doesNotExist();
  }

  @Test
  void backupsWhileAnotherThreadAppendsLoseNoAppend() throws Exception {
    int appends = 300;
    try (Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      java.util.concurrent.ExecutorService client =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      java.util.concurrent.Future<Integer> appended =
          client.submit(
              () -> {
                for (int i = 0; i < appends; i++) {
                  append(vault, i);
                }
                return appends;
              });
      int uploaded = 0;
      while (!appended.isDone()) {
        if (backup.backUp(vault, WRAPPED) instanceof BackupResult.Uploaded) {
          uploaded++;
        }
      }
      assertThat(appended.get()).isEqualTo(appends); // rethrows any failed append
      client.shutdown();
      assertThat(backup.backUp(vault, WRAPPED)).isNotInstanceOf(BackupResult.Rejected.class);
      assertThat(uploaded).isPositive();
    }
    BackupManifest newest = backup.catalog().newest("v1").orElseThrow();
    Path checked =
        new BackupRestore(backup.catalog(), dir.resolve("staging")).fetchChecked(newest, key);
    store.replace("v1", checked);
    try (Vault restored = store.open("v1", key, QuotaLedger.UNLIMITED)) {
      assertThat(restored.uids("INBOX")).hasSize(appends);
    }
  }

  static void append(Vault vault, int n) throws Exception {
    String raw =
        "From: "
            + SECRET_ADDRESS
            + "\r\nTo: "
            + SECRET_ADDRESS
            + "\r\nSubject: "
            + SECRET_SUBJECT
            + " "
            + n
            + "\r\nMessage-ID: <"
            + n
            + "@example.com>\r\n\r\n"
            + (SECRET_BODY + " " + n + "\r\n").repeat(40);
    vault.append("INBOX", NewMessage.of(raw.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void flipBytes(Path file, long at, int count) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] bytes = new byte[count];
      raf.seek(at);
      raf.readFully(bytes);
      for (int i = 0; i < count; i++) {
        bytes[i] ^= (byte) 0x5a;
      }
      raf.seek(at);
      raf.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
