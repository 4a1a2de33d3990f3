package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing of a stored message reaches the disk in plaintext: not in the vault file, its WAL or
 * shared-memory file, nor any temporary file; neither does the data key.
 */
class PlaintextScanTest {

  private static final String SUBJECT = "Zanzibar Quokka Ünïcødé subject 7781";
  private static final String BODY = "Marmalade lighthouse body sentence 4410";
  private static final String FROM = "quokka.sender@plaintext-scan.example";
  private static final String TO = "lighthouse.rcpt@plaintext-scan.example";
  private static final String ATTACHMENT_MARK = "Incompressible attachment marker 9902";

  @TempDir Path dataDir;

  @Test
  void noMessageTextAddressOrKeyAppearsInAnyFile() throws Exception {
    FileTime start = FileTime.fromMillis(System.currentTimeMillis() - 1000);
    byte[] key = TestVaults.randomKey();
    List<byte[]> secrets = secrets(key);
    // Control: the scanner finds every message secret in the plaintext it was built from.
    byte[] plain = largeMessage();
    for (byte[] secret : secrets.subList(0, 8)) {
      assertThat(indexOf(plain, secret)).isNotNegative();
    }
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dataDir.resolve("vaults")))) {
      try (Vault vault = store.create("scan", key, QuotaLedger.UNLIMITED)) {
        vault.append(
            "INBOX",
            NewMessage.of(
                TestMessages.text("scan1@plaintext-scan.example", FROM, TO, SUBJECT, BODY)));
        vault.append("INBOX", NewMessage.of(largeMessage()));
        vault.copy("INBOX", UidSet.all(), "Archive");
        vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));

        assertThat(vault.stats().blobs()).as("both large parts are blobs").isEqualTo(2);
        try (var raw = TestVaults.rawConnection(store, "scan", key)) {
          assertThat(raw.queryLong("SELECT count(*) FROM blob_chunks WHERE codec = 0").orElse(0))
              .as("the binary part is stored as it is, so only the cipher hides it")
              .isPositive();
          assertThat(raw.queryLong("SELECT count(*) FROM blob_chunks WHERE codec = 1").orElse(0))
              .as("the text part is compressed")
              .isPositive();
        }
        assertThat(Files.exists(Path.of(store.fileOf("scan") + "-wal"))).isTrue();
        assertNoSecretsUnder(dataDir, secrets);

        // Deleting leaves nothing behind either (secure_delete zeroes freed pages).
        vault.storeFlags("Archive", UidSet.all(), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
        vault.expunge("Archive");
        vault.checkpoint();
        assertNoSecretsUnder(dataDir, secrets);
      }
      assertNoSecretsUnder(dataDir, secrets);
    }
    assertNoSecretsUnder(dataDir, secrets);
    assertNoSecretsInTempFilesSince(start, secrets);
  }

  /** A message with a compressible text part and an incompressible binary part, both large. */
  private static byte[] largeMessage() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 200_000) {
      text.append(BODY).append(" / ").append(SUBJECT).append(" / ").append(TO).append("\r\n");
    }
    byte[] noise = TestMessages.randomBytes(3, 150_000);
    byte[] mark = ATTACHMENT_MARK.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(mark, 0, noise, 75_000, mark.length);
    for (int i = 0; i < noise.length - 1; i++) {
      if (noise[i] == '\r' || noise[i] == '\n' || noise[i] == '-') {
        noise[i] = 'x'; // keep the binary part from ever looking like a boundary line
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("From: "
                + FROM
                + "\r\nTo: "
                + TO
                + "\r\nSubject: "
                + SUBJECT
                + " (large)\r\n"
                + "Message-ID: <scan2@plaintext-scan.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"==scan==\"\r\n\r\n"
                + "--==scan==\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + text
                + "\r\n--==scan==\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(noise);
    out.writeBytes("\r\n--==scan==--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static List<byte[]> secrets(byte[] key) {
    List<byte[]> secrets = new ArrayList<>();
    for (String s :
        new String[] {
          SUBJECT,
          BODY,
          FROM,
          TO,
          ATTACHMENT_MARK,
          "Zanzibar Quokka",
          "Marmalade lighthouse",
          "plaintext-scan.example"
        }) {
      secrets.add(s.getBytes(StandardCharsets.UTF_8));
    }
    secrets.add(key);
    secrets.add(HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
    secrets.add(HexFormat.of().withUpperCase().formatHex(key).getBytes(StandardCharsets.US_ASCII));
    return secrets;
  }

  private static void assertNoSecretsUnder(Path root, List<byte[]> secrets) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("files to scan").isNotEmpty();
    for (Path file : files) {
      assertNoSecretsIn(file, Files.readAllBytes(file), secrets);
    }
  }

  /** SQLite keeps temporaries in memory here; check that no file in the temp dir says otherwise. */
  private static void assertNoSecretsInTempFilesSince(FileTime start, List<byte[]> secrets)
      throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> entries = Files.list(tmp)) {
      for (Path file : entries.toList()) {
        try {
          if (Files.isRegularFile(file)
              && Files.isReadable(file)
              && Files.getLastModifiedTime(file).compareTo(start) >= 0
              && Files.size(file) < 64L * 1024 * 1024) {
            assertNoSecretsIn(file, Files.readAllBytes(file), secrets);
          }
        } catch (IOException vanished) {
          // Another process's temporary file went away while we looked: not ours.
        }
      }
    }
  }

  private static void assertNoSecretsIn(Path file, byte[] content, List<byte[]> secrets) {
    for (byte[] secret : secrets) {
      assertThat(indexOf(content, secret))
          .as("%s contains a secret of %d bytes", file, secret.length)
          .isEqualTo(-1);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
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
