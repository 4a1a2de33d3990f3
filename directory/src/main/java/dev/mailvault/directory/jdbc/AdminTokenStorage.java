package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.directory.AdminTokenInfo;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admin API tokens in table {@code admin_tokens} (ADR 0261). Only a token's SHA-256 reaches this
 * class; it is looked up by that hash and the stored hash is compared again in constant time, so
 * neither the database nor a timing difference reveals a usable token.
 */
final class AdminTokenStorage {

  static final int HASH_BYTES = 32;

  private static final String COLUMNS =
      "id, name, scopes, created_at, last_used_at, revoked_at, token_hash";

  private final DirectoryDatabase db;
  private final Clock clock;

  AdminTokenStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  AdminTokenInfo create(String name, String scope, byte[] tokenHash) {
    checkHash(tokenHash);
    String now = clock.instant().toString();
    return db.write(
        c -> {
          Long id =
              queryOne(
                  c,
                  "INSERT INTO admin_tokens (name, token_hash, scopes, created_at)"
                      + " VALUES (?, ?, ?, ?) RETURNING id",
                  rs -> rs.getLong(1),
                  name,
                  tokenHash.clone(),
                  scope,
                  now);
          return queryOne(
              c,
              "SELECT " + COLUMNS + " FROM admin_tokens WHERE id = ?",
              AdminTokenStorage::row,
              id);
        });
  }

  List<AdminTokenInfo> list() {
    return db.read(
        c ->
            queryAll(
                c, "SELECT " + COLUMNS + " FROM admin_tokens ORDER BY id", AdminTokenStorage::row));
  }

  boolean revoke(long id) {
    String now = clock.instant().toString();
    return db.write(
            c ->
                update(
                    c,
                    "UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    now,
                    id))
        > 0;
  }

  /** The live (not revoked) token with this hash, its last use set to now. */
  Optional<AdminTokenInfo> use(byte[] tokenHash) {
    if (tokenHash.length != HASH_BYTES) {
      return Optional.empty();
    }
    String now = clock.instant().toString();
    return Optional.ofNullable(
        db.write(
            c -> {
              Found found =
                  queryOne(
                      c,
                      "SELECT " + COLUMNS + " FROM admin_tokens WHERE token_hash = ?",
                      rs -> new Found(row(rs), rs.getBytes(7)),
                      (Object) tokenHash.clone());
              if (found == null
                  || !MessageDigest.isEqual(found.hash, tokenHash)
                  || !found.info.active()) {
                return null;
              }
              update(
                  c, "UPDATE admin_tokens SET last_used_at = ? WHERE id = ?", now, found.info.id());
              AdminTokenInfo i = found.info;
              return new AdminTokenInfo(
                  i.id(),
                  i.name(),
                  i.scope(),
                  i.created(),
                  Optional.of(Instant.parse(now)),
                  i.revoked());
            }));
  }

  private record Found(AdminTokenInfo info, byte[] hash) {}

  private static AdminTokenInfo row(ResultSet rs) throws SQLException {
    return new AdminTokenInfo(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        Instant.parse(rs.getString(4)),
        Optional.ofNullable(rs.getString(5)).map(Instant::parse),
        Optional.ofNullable(rs.getString(6)).map(Instant::parse));
  }

  private static void checkHash(byte[] hash) {
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("a token hash is a SHA-256 (32 bytes)");
    }
  }
}
