package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryAtRestTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path root;
  private Path data;
  private Path keyFile;

  @BeforeEach
  void paths() throws Exception {
    data = root.resolve("data");
    keyFile = root.resolve("secrets").resolve("server.key");
  }

  @Test
  void noPasswordOrKeyBytesReachThePlainDirectoryFile() throws Exception {
    Fixtures.assumeSqliteFile("scans the file for secrets");
    List<byte[]> secrets = new ArrayList<>();
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      secrets.addAll(populate(directory));
      assertNoSecretsOnDisk(secrets);
    }
    assertNoSecretsOnDisk(secrets);
    // The scan finds what is there: a plain directory holds routing data in clear (ADR 0023).
    assertThat(FileScan.filesContaining(data, "hello@example.com".getBytes(StandardCharsets.UTF_8)))
        .isNotEmpty();
    assertThat(Arrays.copyOf(Files.readAllBytes(file()), 16)).isEqualTo(SQLITE_HEADER);
  }

  @Test
  void withAServerKeyTheFileIsEncryptedWhole() throws Exception {
    Fixtures.assumeSqliteFile("at-rest encryption under the server key");
    ServerKeyFile.create(keyFile);
    List<byte[]> secrets = new ArrayList<>();
    try (Directory directory = Fixtures.open(data, keyFile, new CountingKdf())) {
      secrets.addAll(populate(directory));
      secrets.add("hello@example.com".getBytes(StandardCharsets.UTF_8));
      secrets.add("example.com".getBytes(StandardCharsets.UTF_8));
      secrets.add(SQLITE_HEADER);
      assertNoSecretsOnDisk(secrets);
    }
    assertNoSecretsOnDisk(secrets);
    assertThat(Files.size(file())).isPositive();

    try (Directory reopened = Fixtures.open(data, keyFile, new CountingKdf())) {
      reopened.unlock("hello@example.com", PASSWORD.toCharArray()).close();
      assertThat(reopened.listDomains()).hasSize(1);
    }
  }

  @Test
  void anEncryptedDirectoryCannotBeReadWithoutItsKey() throws Exception {
    Fixtures.assumeSqliteFile("at-rest encryption under the server key");
    ServerKeyFile.create(keyFile);
    Fixtures.open(data, keyFile, new CountingKdf()).close();

    assertThatThrownBy(() -> Fixtures.open(data, new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageEndingWith("is encrypted: give its server key");

    Path otherKey = root.resolve("secrets").resolve("other.key");
    ServerKeyFile.create(otherKey);
    assertThatThrownBy(() -> Fixtures.open(data, otherKey, new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessage(
            "the directory cannot be opened with this server key (wrong key, or not a directory)");

    // Nor by SQLite itself, keyless.
    assertThatThrownBy(
            () -> {
              try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                  Statement s = c.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM aliases").close();
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("not a database");
  }

  @Test
  void aPlainDirectoryRefusesAKeyRatherThanGuessing() throws Exception {
    Fixtures.assumeSqliteFile("at-rest encryption under the server key");
    Fixtures.open(data, new CountingKdf()).close();
    ServerKeyFile.create(keyFile);
    assertThatThrownBy(() -> Fixtures.open(data, keyFile, new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageEndingWith("is not encrypted, but a server key was given");
  }

  @Test
  void acceptsRawAndHexKeyFiles() throws Exception {
    Fixtures.assumeSqliteFile("server key files");
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 7);
    Files.createDirectories(keyFile.getParent());
    Files.write(keyFile, raw);
    Fixtures.open(data, keyFile, new CountingKdf()).close();

    Files.writeString(keyFile, HexFormat.of().formatHex(raw).toUpperCase() + "\r\n");
    try (Directory again = Fixtures.open(data, keyFile, new CountingKdf())) {
      assertThat(again.listDomains()).isEmpty();
    }
    try (SecretBytes read = ServerKeyFile.read(keyFile, data)) {
      assertThat(read.bytes()).isEqualTo(raw);
    }
  }

  @Test
  void refusesMalformedMissingOrMisplacedKeyFiles() throws Exception {
    Fixtures.assumeSqliteFile("server key files");
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, "too short");
    assertThatThrownBy(() -> Fixtures.open(data, keyFile, new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageContaining("must hold 32 bytes, or 64 hex digits");

    assertThatThrownBy(() -> Fixtures.open(data, root.resolve("missing.key"), new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageStartingWith("cannot read the server key file");

    Path inside = data.resolve("server.key");
    ServerKeyFile.create(inside);
    assertThatThrownBy(() -> Fixtures.open(data, inside, new CountingKdf()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageStartingWith("the server key file must be kept outside the data directory");

    assertThatThrownBy(() -> ServerKeyFile.create(inside))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageEndingWith("exists already");
  }

  @Test
  void aDataDirectoryThatIsAFileIsReportedClearly() throws Exception {
    Fixtures.assumeSqliteFile("the data directory holding the file");
    Path notADirectory = root.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    assertThatThrownBy(() -> SqliteDirectory.open(notADirectory, Optional.empty()))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageStartingWith("cannot create the data directory");
  }

  @Test
  void reopeningKeepsEverythingAndMigratesOnce() throws Exception {
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      directory.addDomain(domain("example.com"));
    }
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      assertThat(directory.listDomains()).hasSize(1);
      assertThat(directory.account().name()).isEqualTo("default");
    }
    try (Connection c = Fixtures.rawConnection(data);
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT version) FROM flyway_schema_history"
                    + " WHERE success")) {
      rs.next();
      // Each migration exactly once, however often the directory is opened.
      int applied = rs.getInt(1);
      assertThat(applied).isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(2);
    }
  }

  /** An alias with a known password and some usage; returns the secrets that must not leak. */
  private static List<byte[]> populate(Directory directory) throws Exception {
    directory.addDomain(domain("example.com"));
    List<byte[]> secrets = new ArrayList<>();
    try (NewAlias alias = directory.addAlias(address("hello@example.com"), PASSWORD.toCharArray());
        NewAlias other = directory.addAlias(address("other@example.com"))) {
      secrets.add(alias.dataKey().bytes());
      secrets.add(other.dataKey().bytes());
      secrets.add(
          new String(other.generatedPassword().orElseThrow()).getBytes(StandardCharsets.UTF_8));
      directory.quotaLedger(alias.vaultId()).reserve(1_000, 1);
    }
    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", PASSWORD.toCharArray())) {
      secrets.add(unlocked.spoolPrivateKey().bytes());
    }
    secrets.add(PASSWORD.getBytes(StandardCharsets.UTF_8));
    secrets.add(PASSWORD.getBytes(StandardCharsets.UTF_16LE));
    return secrets;
  }

  private void assertNoSecretsOnDisk(List<byte[]> secrets) throws Exception {
    assertThat(FileScan.allFiles(data)).isNotEmpty();
    for (byte[] secret : secrets) {
      // Any 12-byte window is enough to prove a key or password is absent.
      byte[] probe = Arrays.copyOf(secret, Math.min(secret.length, 16));
      assertThat(FileScan.filesContaining(data, probe))
          .as("files containing %s", HexFormat.of().formatHex(probe))
          .isEmpty();
    }
  }

  private Path file() {
    return data.resolve(SqliteDirectory.FILE_NAME);
  }
}
