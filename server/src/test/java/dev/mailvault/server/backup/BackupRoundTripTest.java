package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.backup.BackupCatalog;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupRestore;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import dev.mailvault.store.backup.VaultBackup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise of DESIGN §1.6 end to end: a vault of 10,000 messages in nested folders, with flags
 * and keywords, is backed up (to a local folder, and to a real S3-compatible server), the local
 * vault is destroyed, the backup is restored, and every folder, UIDVALIDITY, UIDNEXT, UID, MODSEQ,
 * flag, keyword, internal date and message byte is what it was.
 */
class BackupRoundTripTest {

  private static final int MESSAGES = 10_000;
  private static final List<String> FOLDERS =
      List.of(
          "INBOX",
          "Projects",
          "Projects/2026",
          "Projects/2026/Q1",
          "Archive/Old/Deeper",
          "Lists/java",
          "Sent");

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "s3"})
  void tenThousandMessagesComeBackIdentical(String where) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Snapshot before;
    BackupManifest manifest;
    try (BackupTarget target = target(where)) {
      VaultBackup backup =
          new VaultBackup(
              new BackupCatalog(target),
              dir.resolve("staging"),
              GenerationPolicy.DEFAULT,
              Clock.systemUTC());
      try (VaultStore store = store();
          Vault vault = store.create("roundtrip", key, QuotaLedger.UNLIMITED)) {
        fill(vault, new Random(20261123));
        before = Snapshot.of(vault);
        BackupResult result = backup.backUp(vault, "key record".getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(BackupResult.Uploaded.class);
        manifest = ((BackupResult.Uploaded) result).manifest();
      }
      // What the target holds, read back through it: no message text, no address.
      for (String object : target.list("")) {
        try (var in = target.get(object)) {
          String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
          assertThat(bytes).as(object).doesNotContain("@example.", "message 42", "@roundtrip");
        }
      }
      try (Stream<Path> files = Files.list(dir.resolve("vaults"))) {
        for (Path file : files.toList()) {
          Files.delete(file); // the local vault is gone
        }
      }
      try (VaultStore store = store()) {
        Path checked =
            new BackupRestore(new BackupCatalog(target), dir.resolve("staging"))
                .fetchChecked(manifest, key);
        store.replace("roundtrip", checked);
        try (Vault restored = store.open("roundtrip", key, QuotaLedger.UNLIMITED)) {
          Snapshot after = Snapshot.of(restored);
          assertThat(after.folders).isEqualTo(before.folders);
          assertThat(after.messages).isEqualTo(before.messages);
          assertThat(after.contentDigests).isEqualTo(before.contentDigests);
          assertThat(after.messageCount()).isEqualTo(before.messageCount()).isGreaterThan(9_900);
          assertThat(restored.integrityCheck()).isEqualTo("ok");
        }
      }
    }
  }

  private BackupTarget target(String where) {
    return where.equals("s3")
        ? S3BackupTarget.open(S3.config(S3.newBucket(), "mailvault"))
        : new LocalDirectoryTarget(dir.resolve("backups"));
  }

  private VaultStore store() {
    return new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
  }

  /** 10,000 messages over nested folders in batches, then flag changes and a few expunges. */
  private static void fill(Vault vault, Random random) throws Exception {
    for (String folder : FOLDERS) {
      if (!folder.equals("INBOX") && !folder.equals("Sent")) {
        vault.createFolder(folder);
      }
    }
    int n = 0;
    while (n < MESSAGES) {
      String folder = FOLDERS.get(random.nextInt(FOLDERS.size()));
      List<NewMessage> batch = new ArrayList<>();
      for (int i = 0; i < 250 && n < MESSAGES; i++, n++) {
        batch.add(message(n, random));
      }
      vault.appendAll(folder, batch);
    }
    for (String folder : FOLDERS) {
      long[] uids = vault.uids(folder);
      for (int i = 0; i < uids.length; i += 7) {
        vault.storeFlags(folder, UidSet.of(uids[i]), FlagUpdate.add(Flags.of(SystemFlag.FLAGGED)));
      }
      if (uids.length > 10) {
        vault.storeFlags(
            folder, UidSet.of(uids[3], uids[5]), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
        vault.expunge(folder);
      }
    }
  }

  private static NewMessage message(int n, Random random) {
    byte[] noise = new byte[120 + random.nextInt(400)];
    random.nextBytes(noise);
    String raw =
        "From: sender"
            + n
            + "@example.org\r\nTo: hello@example.com\r\nSubject: message "
            + n
            + "\r\nMessage-ID: <"
            + n
            + "@roundtrip>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody "
            + n
            + " "
            + HexFormat.of().formatHex(noise)
            + "\r\n";
    List<SystemFlag> system = new ArrayList<>();
    for (SystemFlag flag : List.of(SystemFlag.SEEN, SystemFlag.ANSWERED, SystemFlag.DRAFT)) {
      if (random.nextBoolean()) {
        system.add(flag);
      }
    }
    Flags flags = Flags.of(system.toArray(SystemFlag[]::new));
    if (random.nextInt(3) == 0) {
      flags = flags.withKeywords("$Label" + random.nextInt(5), "project-" + random.nextInt(3));
    }
    return new NewMessage(
        raw.getBytes(StandardCharsets.UTF_8),
        flags,
        Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(30_000_000)));
  }

  /** What a client could see: folders with their counters, message metadata, message bytes. */
  private record Snapshot(
      List<FolderInfo> folders,
      Map<String, List<MessageMeta>> messages,
      Map<String, String> contentDigests) {

    static Snapshot of(Vault vault) throws Exception {
      List<FolderInfo> folders = vault.listFolders();
      Map<String, List<MessageMeta>> messages = new LinkedHashMap<>();
      Map<String, String> digests = new LinkedHashMap<>();
      for (FolderInfo folder : folders) {
        List<MessageMeta> metas = vault.messages(folder.name(), UidSet.all());
        messages.put(folder.name(), metas);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (MessageMeta meta : metas) {
          byte[] bytes = vault.fetch(folder.name(), meta.uid());
          sha.update(Long.toString(meta.uid()).getBytes(StandardCharsets.US_ASCII));
          sha.update(bytes);
        }
        digests.put(folder.name(), HexFormat.of().formatHex(sha.digest()));
      }
      return new Snapshot(folders, messages, digests);
    }

    long messageCount() {
      return messages.values().stream().mapToLong(List::size).sum();
    }
  }
}
