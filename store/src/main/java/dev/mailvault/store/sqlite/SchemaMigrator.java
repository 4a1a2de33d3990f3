package dev.mailvault.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward-only migrations keyed on {@code PRAGMA user_version}. Migration {@code N} is the resource
 * {@code migrations/NNNN.sql} beside this package's parent; they are applied in order, from the
 * vault's version up to the newest one found, in the caller's transaction, and the version is
 * raised in that same transaction.
 *
 * <p>A migration file is plain SQL; statements end with a semicolon at the end of a line, and lines
 * starting with {@code --} are comments.
 */
public final class SchemaMigrator {

  private static final String LOCATION = "/dev/mailvault/store/migrations/%04d.sql";

  private final List<String> migrations;

  private SchemaMigrator(List<String> migrations) {
    this.migrations = List.copyOf(migrations);
  }

  /** Loads every migration resource, 0001.sql upwards, until the first gap. */
  public static SchemaMigrator fromResources() {
    List<String> found = new ArrayList<>();
    for (int n = 1; ; n++) {
      try (InputStream in = SchemaMigrator.class.getResourceAsStream(String.format(LOCATION, n))) {
        if (in == null) {
          return new SchemaMigrator(found);
        }
        found.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read vault migration " + n, e);
      }
    }
  }

  /** The newest schema version this code knows. */
  public int latestVersion() {
    return migrations.size();
  }

  /**
   * Brings the schema to {@link #latestVersion()} inside the caller's open transaction.
   *
   * @return the version before migrating
   * @throws NewerSchemaException when the vault was written by a newer version of the code
   */
  public int migrate(VaultConnection connection) throws SQLException, NewerSchemaException {
    int current = (int) connection.queryLong("PRAGMA user_version").orElse(0);
    if (current > latestVersion()) {
      throw new NewerSchemaException(current, latestVersion());
    }
    for (int version = current + 1; version <= latestVersion(); version++) {
      for (String statement : statements(migrations.get(version - 1))) {
        connection.execute(statement);
      }
      connection.execute("PRAGMA user_version = " + version);
    }
    return current;
  }

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /** The vault's schema is newer than this code: opening it could corrupt it. */
  public static final class NewerSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    public NewerSchemaException(int found, int known) {
      super(
          "vault schema version " + found + " is newer than this Mailvault knows (" + known + ")");
    }
  }
}
