package dev.mailvault.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.TransferListener;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sqlite export opens as a stranger would open it, with nothing of ours: a plain connection,
 * {@code PRAGMA cipher='chacha20'} and {@code PRAGMA key='<password>'}; a wrong password does not
 * open it, and the file holds no plaintext.
 */
class SqliteExportTest {

  private static final String PASSWORD = "correct horse's battery";

  @TempDir Path dir;

  /**
   * SQLite3MultipleCiphers' own URI parameters (its "cipher" and "key", the passphrase run through
   * its KDF), on a plain connection: exactly what {@code PRAGMA cipher='chacha20'; PRAGMA
   * key='...'} does in the sqlite3mc shell. (The JDBC driver reads the schema as it connects, so
   * the two PRAGMAs cannot come first on a JDBC connection; the URI sets them before that read.)
   */
  private static Connection openAsAStranger(Path file, String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:sqlite:file:" + file + "?cipher=chacha20&key=" + percentEncoded(password));
  }

  /** RFC 3986 percent-encoding of every byte but letters and digits (SQLite URIs decode it). */
  private static String percentEncoded(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      if (Character.isLetterOrDigit(b) && b > 0) {
        sb.append((char) b);
      } else {
        sb.append(String.format("%%%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private Path export(int messages) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path file = dir.resolve("mail.sqlite");
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
        Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
      SampleMail.fill(vault, messages, 7);
      vault.append(
          "Archive/2021/Q1",
          new NewMessage(
              "Subject: secret plans\r\n\r\nthe treasure is under the oak\r\n"
                  .getBytes(StandardCharsets.US_ASCII),
              Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED).withKeywords("work"),
              Instant.parse("2022-02-02T02:02:02Z")));
      ExportReport report =
          MailExport.export(
              vault, ExportFormat.SQLITE, file, PASSWORD.toCharArray(), TransferListener.NONE);
      assertThat(report.messages()).isEqualTo(messages + 1);
    }
    return file;
  }

  @Test
  void opensWithThePasswordAndHoldsEveryMessageByteExact() throws Exception {
    Path file = export(300);
    try (Connection c = openAsAStranger(file, PASSWORD);
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT count(*), sum(size) FROM messages")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).isEqualTo(301);
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT folder, flags, keywords, internal_date, raw FROM messages"
                  + " WHERE raw LIKE '%treasure%'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("Archive/2021/Q1");
        assertThat(r.getString(2)).isEqualTo("\\Seen \\Flagged");
        assertThat(r.getString(3)).isEqualTo("work");
        assertThat(r.getString(4)).isEqualTo("2022-02-02T02:02:02Z");
        assertThat(new String(r.getBytes(5), StandardCharsets.US_ASCII))
            .isEqualTo("Subject: secret plans\r\n\r\nthe treasure is under the oak\r\n");
      }
      List<String> folders = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT name FROM folders ORDER BY name")) {
        while (r.next()) {
          folders.add(r.getString(1));
        }
      }
      assertThat(folders).contains("Empty/Nested", "Projects/Über Ordner/déjà vu", "INBOX");
      try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("ok");
      }
    }
  }

  @Test
  void aWrongPasswordDoesNotOpenItAndTheFileHasNoPlaintext() throws Exception {
    Path file = export(50);
    assertThatThrownBy(() -> openAsAStranger(file, "wrong password").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("not a database");
    assertThatThrownBy(() -> openAsAStranger(file, PASSWORD + " ").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("not a database");
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("treasure", "SQLite format 3", "Subject:", "example.com");
    try (Stream<Path> beside = Files.list(dir)) {
      assertThat(beside.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("mail.sqlite", "vaults");
    }
  }
}
