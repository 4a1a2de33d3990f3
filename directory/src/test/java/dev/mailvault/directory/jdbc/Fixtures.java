package dev.mailvault.directory.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Real directories in temporary folders, with cheap Argon2id parameters (tests check logic). */
final class Fixtures {

  static final Argon2Params FAST = new Argon2Params(256, 1, 1);

  /**
   * The engine under test: the embedded SQLite file by default, PostgreSQL when surefire's second
   * execution sets {@code mailvault.test.directory=postgresql} (directory/pom.xml).
   */
  static final String ENGINE_PROPERTY = "mailvault.test.directory";

  /** One database per data folder, so a test that reopens its folder finds its data again. */
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

  private Fixtures() {}

  static boolean postgres() {
    return "postgresql".equals(System.getProperty(ENGINE_PROPERTY));
  }

  /** Skips a test about the SQLite file itself in the PostgreSQL run. */
  static void assumeSqliteFile(String why) {
    assumeFalse(postgres(), "about the embedded SQLite file (" + why + "), not PostgreSQL");
  }

  static Directory open(Path data, CountingKdf kdf) throws DirectoryUnavailableException {
    return open(data, new DirectoryOptions(kdf, FAST));
  }

  static Directory open(Path data, DirectoryOptions options) throws DirectoryUnavailableException {
    if (postgres()) {
      return PostgresDirectory.open(databaseFor(data), options);
    }
    return SqliteDirectory.open(data, Optional.empty(), options);
  }

  /** The PostgreSQL database standing for {@code data} in the PostgreSQL run. */
  static String databaseFor(Path data) {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
    return DATABASES.computeIfAbsent(
        data.toAbsolutePath(), folder -> PostgresServer.shared().newDatabaseUrl());
  }

  static Directory open(Path data, Path serverKey, CountingKdf kdf)
      throws DirectoryUnavailableException {
    return SqliteDirectory.open(data, Optional.of(serverKey), new DirectoryOptions(kdf, FAST));
  }

  /** A plain JDBC connection to the database behind {@code data}, for looking at rows. */
  static Connection rawConnection(Path data) throws SQLException {
    if (postgres()) {
      return DriverManager.getConnection(PostgresServer.shared().jdbcUrl(databaseFor(data)));
    }
    return DriverManager.getConnection(
        "jdbc:sqlite:" + data.resolve(SqliteDirectory.FILE_NAME).toAbsolutePath());
  }

  static EmailAddress address(String text) {
    try {
      return EmailAddress.parse(text);
    } catch (InvalidAddressException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static DomainName domain(String text) {
    try {
      return DomainName.parse(text);
    } catch (InvalidAddressException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
