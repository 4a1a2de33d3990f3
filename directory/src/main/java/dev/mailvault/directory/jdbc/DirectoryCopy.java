package dev.mailvault.directory.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DirectoryUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sqlite.SQLiteDataSource;

/**
 * Copies the embedded directory into an empty PostgreSQL directory (ADR 0275): every table, in one
 * PostgreSQL transaction, then the identity sequences moved past the copied ids. Both sides are
 * first brought to the current schema; a target at another schema version, or with any row, is
 * refused. The server must not be running on the source meanwhile.
 */
public final class DirectoryCopy {

  /** What was copied: rows per table, in copy order, and the schema version of both sides. */
  public record Result(Map<String, Long> rows, String schemaVersion) {}

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String HISTORY = "flyway_schema_history";

  /**
   * Tables whose rows a migration inserts (V10's epoch counter): present in every migrated target,
   * so they do not make it "not empty", and the source's rows replace them.
   */
  private static final Set<String> SEEDED = Set.of("cluster_epoch");

  private static final int BATCH = 500;

  private DirectoryCopy() {}

  /**
   * Copies the directory in {@code dataDirectory} (keyed with {@code serverKeyFile} when it is
   * encrypted) into the PostgreSQL database at {@code url}.
   *
   * @throws DirectoryUnavailableException when the URL is malformed or either side cannot be opened
   * @throws DirectoryException when the target has data or another schema version
   */
  public static Result sqliteToPostgres(
      Path dataDirectory, Optional<Path> serverKeyFile, String url) throws DirectoryException {
    PostgresUrl target = PostgresUrl.parse(url);
    SQLiteDataSource sourceData = SqliteDirectory.dataSource(dataDirectory, serverKeyFile);
    Connection source = SqliteDirectory.connect(sourceData);
    try (HikariDataSource pool = PostgresDirectory.connect(target, "directory-copy")) {
      Migrations.apply(sourceData, Migrations.Vendor.SQLITE);
      String sourceVersion = schemaVersion(source);
      String targetVersion;
      try (Connection c = pool.getConnection()) {
        targetVersion = schemaVersion(c);
        c.rollback();
      }
      if (targetVersion != null && !targetVersion.equals(sourceVersion)) {
        throw new DirectoryException(
            "the target directory is at schema version "
                + targetVersion
                + ", this one at "
                + sourceVersion
                + ": copy only between directories of the same version");
      }
      Migrations.apply(pool, Migrations.Vendor.POSTGRESQL);
      try (Connection into = pool.getConnection()) {
        String migrated = schemaVersion(into);
        if (!sourceVersion.equals(migrated)) {
          throw new DirectoryException(
              "the target directory is at schema version "
                  + migrated
                  + ", this one at "
                  + sourceVersion
                  + ": copy only between directories of the same version");
        }
        Map<String, Long> rows = copy(source, into);
        return new Result(rows, sourceVersion);
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("copying the directory failed", e);
    } finally {
      SqliteDirectory.closeQuietly(source);
    }
  }

  private static Map<String, Long> copy(Connection source, Connection into)
      throws SQLException, DirectoryException {
    boolean committed = false;
    try {
      try (Statement s = into.createStatement()) {
        // A server already running on the target waits for the copy instead of writing into it.
        s.execute("SELECT pg_advisory_xact_lock(" + PostgresDirectoryDatabase.WRITE_LOCK + ")");
      }
      List<String> tables = inDependencyOrder(into, sourceTables(source));
      for (String table : tables) {
        long existing = SEEDED.contains(table) ? 0 : count(into, table);
        if (existing > 0) {
          throw new DirectoryException(
              "the target directory already has data ("
                  + existing
                  + " rows in "
                  + table
                  + "): copy only into an empty database");
        }
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      execute(source, "BEGIN");
      try {
        for (String table : tables) {
          if (SEEDED.contains(table)) {
            execute(into, "DELETE FROM " + table);
          }
          long copied = copyTable(source, into, table);
          if (copied != count(into, table) || copied != count(source, table)) {
            throw new DirectoryStorageException(
                "copying " + table + " lost rows", new SQLException("row count mismatch"));
          }
          rows.put(table, copied);
        }
      } finally {
        execute(source, "ROLLBACK");
      }
      resetIdentities(into);
      into.commit();
      committed = true;
      return rows;
    } finally {
      if (!committed) {
        into.rollback();
      }
    }
  }

  private static long copyTable(Connection source, Connection into, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    try (Statement s = into.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(identifier(meta.getColumnName(i)));
        types.add(meta.getColumnType(i));
      }
    }
    String list = String.join(", ", columns);
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + list
            + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
            + ")";
    long copied = 0;
    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + list + " FROM " + table);
        PreparedStatement ps = into.prepareStatement(insert)) {
      int pending = 0;
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          bind(rs, ps, i + 1, types.get(i));
        }
        ps.addBatch();
        copied++;
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    return copied;
  }

  /** Reads a SQLite value as the PostgreSQL column's type wants it (BOOLEAN is 0/1 in SQLite). */
  private static void bind(ResultSet rs, PreparedStatement ps, int index, int type)
      throws SQLException {
    switch (type) {
      case Types.BOOLEAN:
      case Types.BIT:
        {
          boolean value = rs.getBoolean(index);
          if (rs.wasNull()) {
            ps.setNull(index, Types.BOOLEAN);
          } else {
            ps.setBoolean(index, value);
          }
          return;
        }
      case Types.BIGINT:
      case Types.INTEGER:
      case Types.SMALLINT:
        {
          long value = rs.getLong(index);
          if (rs.wasNull()) {
            ps.setNull(index, type);
          } else if (type == Types.BIGINT) {
            ps.setLong(index, value);
          } else {
            ps.setInt(index, Math.toIntExact(value));
          }
          return;
        }
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
        {
          byte[] value = rs.getBytes(index);
          if (value == null) {
            ps.setNull(index, Types.BINARY);
          } else {
            ps.setBytes(index, value);
          }
          return;
        }
      default:
        {
          String value = rs.getString(index);
          if (value == null) {
            ps.setNull(index, Types.VARCHAR);
          } else {
            ps.setString(index, value);
          }
        }
    }
  }

  /** Moves each identity column's sequence past the largest copied id. */
  private static void resetIdentities(Connection into) throws SQLException {
    List<String[]> identities = new ArrayList<>();
    try (Statement s = into.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND is_identity = 'YES'")) {
      while (rs.next()) {
        identities.add(new String[] {identifier(rs.getString(1)), identifier(rs.getString(2))});
      }
    }
    for (String[] identity : identities) {
      String table = identity[0];
      String column = identity[1];
      try (PreparedStatement ps =
          into.prepareStatement(
              "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX("
                  + column
                  + ") FROM "
                  + table
                  + "), 0) + 1, false)")) {
        ps.setString(1, table);
        ps.setString(2, column);
        ps.executeQuery().close();
      }
    }
  }

  private static List<String> sourceTables(Connection source) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = source.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite%' ORDER BY name")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!name.equals(HISTORY)) {
          tables.add(identifier(name));
        }
      }
    }
    return tables;
  }

  /** Referenced tables before the tables that reference them, as the foreign keys require. */
  private static List<String> inDependencyOrder(Connection into, List<String> tables)
      throws SQLException, DirectoryException {
    DatabaseMetaData meta = into.getMetaData();
    String schema = into.getSchema();
    Map<String, Set<String>> references = new LinkedHashMap<>();
    for (String table : tables) {
      Set<String> parents = new LinkedHashSet<>();
      try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
        while (rs.next()) {
          String parent = rs.getString("PKTABLE_NAME");
          if (!parent.equals(table)) {
            parents.add(parent);
          }
        }
      }
      references.put(table, parents);
    }
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < tables.size()) {
      boolean progress = false;
      for (String table : tables) {
        if (!ordered.contains(table) && ordered.containsAll(references.get(table))) {
          ordered.add(table);
          progress = true;
        }
      }
      if (!progress) {
        throw new DirectoryException(
            "the target database's tables do not match the directory's (missing or cyclic"
                + " references)");
      }
    }
    return ordered;
  }

  private static String schemaVersion(Connection c) throws SQLException {
    if (!hasTable(c, HISTORY)) {
      return null;
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM "
                    + HISTORY
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static boolean hasTable(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String identifier(String name) throws SQLException {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new SQLException("unexpected table or column name");
    }
    return name;
  }
}
