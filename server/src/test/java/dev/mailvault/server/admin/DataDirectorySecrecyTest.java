package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.ServerKeyFile;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §1.1: no plaintext of a message (subject, body, the addresses in it), no password and no
 * key reaches any file under the data directory (directory, vault, -wal, -shm, spool, temporary
 * files), whether the vault is open, checkpointed or closed. With a server key the alias addresses
 * themselves are absent too.
 */
class DataDirectorySecrecyTest {

  private static final String SUBJECT = "Quarterly zanzibar marmalade forecast";
  private static final String BODY = "The okapi tessellation remains confidential until Tuesday";
  private static final String SENDER = "zebra.quartz@sender-domain.test";
  private static final String COPIED = "yodel.kumquat@copied-domain.test";
  private static final String ALIAS = "vault.owner@example.com";

  @TempDir Path root;
  @TempDir Path outside;

  @Test
  void plainDirectoryHoldsNoMessageTextPasswordOrKey() throws Exception {
    List<byte[]> secrets = fillAndScan(Optional.empty());
    assertNoneIn(root, secrets);
  }

  @Test
  void withAServerKeyNotEvenTheAliasAddressIsReadable() throws Exception {
    Path key = outside.resolve("server.key");
    ServerKeyFile.create(key);
    List<byte[]> secrets = fillAndScan(Optional.of(key));
    secrets.add(ALIAS.getBytes(StandardCharsets.UTF_8));
    secrets.add("example.com".getBytes(StandardCharsets.UTF_8));
    assertNoneIn(root, secrets);
  }

  /** Creates an alias, fills its vault, scans while open; returns the secrets to look for. */
  private List<byte[]> fillAndScan(Optional<Path> serverKey) throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    DataLayout layout = DataLayout.open(root);
    List<byte[]> secrets = new ArrayList<>();
    for (String s :
        List.of(SUBJECT, BODY, SENDER, COPIED, "zanzibar marmalade", "okapi tessellation")) {
      secrets.add(s.getBytes(StandardCharsets.UTF_8));
    }
    try (Directory directory = SqliteDirectory.open(root, serverKey);
        VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
      directory.addDomain(DomainName.parse("example.com"));
      char[] password;
      try (NewAlias alias =
          new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()))
              .create(EmailAddress.parse(ALIAS), null)) {
        password = alias.generatedPassword().orElseThrow().clone();
      }
      secrets.add(new String(password).getBytes(StandardCharsets.UTF_8));
      try (UnlockedAlias unlocked = directory.unlock(ALIAS, password.clone())) {
        byte[] dataKey = unlocked.dataKey().bytes();
        secrets.add(dataKey);
        secrets.add(HexFormat.of().formatHex(dataKey).getBytes(StandardCharsets.US_ASCII));
        try (Vault vault =
            vaults.open(unlocked.vaultId(), dataKey, directory.quotaLedger(unlocked.vaultId()))) {
          String longBody = (BODY + " ").repeat(5_000); // compressible, above the large-part size
          vault.append("INBOX", NewMessage.of(TestMail.text(SENDER, COPIED, SUBJECT, BODY)));
          vault.append(
              "INBOX",
              NewMessage.of(
                  TestMail.withAttachment(SENDER, COPIED, SUBJECT, longBody, 300_000, 1)));
          vault.append(
              "Archive",
              new NewMessage(
                  TestMail.text(SENDER, ALIAS, SUBJECT + " again", longBody),
                  Flags.NONE,
                  Instant.now()));
          vault.createFolder("Projects/" + SUBJECT);
          // Open vault, WAL not yet folded into the main file.
          assertNoneIn(root, secrets);
          vault.checkpoint();
          assertNoneIn(root, secrets);
        }
      }
    }
    assertNoneIn(root, secrets);
    assertNoneInFilesWrittenSince(Path.of(System.getProperty("java.io.tmpdir")), start, secrets);
    return secrets;
  }

  private static void assertNoneIn(Path dir, List<byte[]> secrets) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("files to scan").isNotEmpty();
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] secret : secrets) {
        assertThat(indexOf(content, secret))
            .as("%s contains a secret of %d bytes", file, secret.length)
            .isEqualTo(-1);
      }
    }
  }

  /** Temporary files the process may have written outside the data directory. */
  private static void assertNoneInFilesWrittenSince(Path tmp, Instant since, List<byte[]> secrets)
      throws IOException {
    FileTime after = FileTime.from(since);
    List<Path> recent = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(tmp, 3)) {
      walk.filter(p -> Files.isRegularFile(p) && Files.isReadable(p))
          .forEach(
              p -> {
                try {
                  if (Files.getLastModifiedTime(p).compareTo(after) >= 0
                      && Files.size(p) < 64L << 20) {
                    recent.add(p);
                  }
                } catch (IOException e) {
                  // Vanished while walking (another process's temporary file): nothing to scan.
                }
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      // Unreadable corners of a shared temp directory are not ours.
    }
    for (Path p : recent) {
      byte[] content;
      try {
        content = Files.readAllBytes(p);
      } catch (IOException e) {
        continue;
      }
      for (byte[] secret : secrets) {
        assertThat(indexOf(content, secret)).as("%s contains a secret", p).isEqualTo(-1);
      }
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
