package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryOne;

import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.directory.DirectoryStorageException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login throttle's counts in the directory (ADR 0282), shared by every front-end that uses the
 * same database. Rows are named by HMAC-SHA-256 of the kind and the key under a key generated once
 * into the directory, so the database holds no login and no client address.
 *
 * <p>Concurrency: an update reads the row and writes it back only if its version is unchanged (or
 * inserts it only if it is still absent), in one transaction, and starts over otherwise; that holds
 * across processes on SQLite (one writer) and on PostgreSQL (READ COMMITTED). Expired rows are
 * swept at most once a minute per process, and the table is kept under {@link #MAX_ROWS} by
 * dropping the rows that expire first.
 */
final class JdbcThrottleState implements LoginThrottleState {

  /** Rows kept at most; a scan of more keys than this forgets the counts closest to expiring. */
  static final int MAX_ROWS = 1_000_000;

  private static final long SWEEP_EVERY_MS = 60_000;
  private static final int ATTEMPTS = 20;

  private final DirectoryDatabase db;
  private final int maxRows;
  private volatile SecretKeySpec key;
  private volatile long lastSweep = Long.MIN_VALUE;

  JdbcThrottleState(DirectoryDatabase db, int maxRows) {
    this.db = db;
    this.maxRows = maxRows;
  }

  @Override
  public Entry get(Kind kind, String key) {
    byte[] hash = hash(kind, key);
    Row row = db.read(c -> row(c, kind, hash));
    return row == null ? null : row.entry;
  }

  @Override
  public Entry update(
      Kind kind, String key, UnaryOperator<Entry> change, Function<Entry, Instant> expiry) {
    byte[] hash = hash(kind, key);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Entry written = db.write(c -> tryUpdate(c, kind, hash, change, expiry));
      if (written != null) {
        return written;
      }
    }
    throw new DirectoryStorageException(
        "login throttle: " + ATTEMPTS + " concurrent updates of one entry", null);
  }

  /** The new entry, or null when another process changed the row first. */
  private static Entry tryUpdate(
      Connection c,
      Kind kind,
      byte[] hash,
      UnaryOperator<Entry> change,
      Function<Entry, Instant> expiry)
      throws SQLException {
    Row old = row(c, kind, hash);
    Entry next = change.apply(old == null ? null : old.entry);
    OptionalLong blocked =
        next.blockedUntil() == null
            ? OptionalLong.empty()
            : OptionalLong.of(next.blockedUntil().toEpochMilli());
    long expires = ceilMillis(expiry.apply(next));
    int changed =
        old == null
            ? Jdbc.update(
                c,
                "INSERT INTO login_throttle (kind, key_hash, failures, last_at, blocked_until,"
                    + " expires_at, version) VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING",
                kind.ordinal(),
                hash,
                next.failures(),
                next.last().toEpochMilli(),
                blocked,
                expires)
            : Jdbc.update(
                c,
                "UPDATE login_throttle SET failures = ?, last_at = ?, blocked_until = ?,"
                    + " expires_at = ?, version = version + 1"
                    + " WHERE kind = ? AND key_hash = ? AND version = ?",
                next.failures(),
                next.last().toEpochMilli(),
                blocked,
                expires,
                kind.ordinal(),
                hash,
                old.version);
    return changed == 1 ? next : null;
  }

  @Override
  public void remove(Kind kind, String key) {
    byte[] hash = hash(kind, key);
    db.write(
        c ->
            Jdbc.update(
                c,
                "DELETE FROM login_throttle WHERE kind = ? AND key_hash = ?",
                kind.ordinal(),
                hash));
  }

  @Override
  public void sweep(Instant now) {
    long at = now.toEpochMilli();
    long last = lastSweep;
    if (last != Long.MIN_VALUE && at - last < SWEEP_EVERY_MS && at >= last) {
      return;
    }
    lastSweep = at;
    db.write(
        c -> {
          Jdbc.update(c, "DELETE FROM login_throttle WHERE expires_at < ?", at);
          // The bound: past maxRows, the rows that would expire first go, whatever they count.
          Long cut =
              queryOne(
                  c,
                  "SELECT expires_at FROM login_throttle ORDER BY expires_at DESC"
                      + " LIMIT 1 OFFSET ?",
                  rs -> rs.getLong(1),
                  maxRows);
          if (cut != null) {
            Jdbc.update(c, "DELETE FROM login_throttle WHERE expires_at <= ?", cut);
          }
          return null;
        });
  }

  private record Row(Entry entry, long version) {}

  private static Row row(Connection c, Kind kind, byte[] hash) throws SQLException {
    return queryOne(
        c,
        "SELECT failures, last_at, blocked_until, version FROM login_throttle"
            + " WHERE kind = ? AND key_hash = ?",
        rs -> {
          long blocked = rs.getLong(3);
          Instant blockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(blocked);
          Entry entry = new Entry(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)), blockedUntil);
          return new Row(entry, rs.getLong(4));
        },
        kind.ordinal(),
        hash);
  }

  /** HMAC-SHA-256 of the kind's name and the key: the same on every front-end, opaque on disk. */
  private byte[] hash(Kind kind, String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      mac.update(kind.name().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
    }
  }

  /** The shared key: read from the directory, or generated into it by the first front-end. */
  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known != null) {
      return known;
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    byte[] stored =
        db.write(
            c -> {
              Jdbc.update(
                  c,
                  "INSERT INTO login_throttle_key (id, hmac_key) VALUES (1, ?)"
                      + " ON CONFLICT DO NOTHING",
                  fresh);
              return queryOne(
                  c, "SELECT hmac_key FROM login_throttle_key WHERE id = 1", rs -> rs.getBytes(1));
            });
    known = new SecretKeySpec(stored, "HmacSHA256");
    key = known;
    return known;
  }

  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
