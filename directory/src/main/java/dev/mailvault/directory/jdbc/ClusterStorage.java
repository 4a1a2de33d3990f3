package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.NoLivePrimaryException;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.PrimaryStatus;
import dev.mailvault.directory.VaultOwner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Placement in tables {@code cluster_epoch}, {@code cluster_primaries} and {@code vault_owners}
 * (migration V10, docs/adr/0280-placement-and-leases.md).
 *
 * <p>Time is the database's: PostgreSQL's {@code clock_timestamp()}, read inside each transaction,
 * so the primaries' own clocks never decide a lease; the embedded SQLite directory (one machine)
 * uses its {@link Clock}.
 *
 * <p>Concurrency: an assignment reads the owner, takes the next epoch (an UPDATE of the one counter
 * row, which PostgreSQL locks until commit) and then writes conditionally: INSERT ... ON CONFLICT
 * DO NOTHING for a vault with no owner, UPDATE ... WHERE epoch = the epoch it read for a takeover.
 * A loser changes no row and returns the winner's owner, read again after the winner committed.
 */
final class ClusterStorage implements ClusterRegistry {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Pattern VAULT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final int MAX_ADDRESS = 300;

  /** A primary owns a vault while its lease is live and the assignment is of this incarnation. */
  private static final String OWNER_COLUMNS =
      "v.vault_id, v.primary_name, p.rpc_address, v.epoch, p.epoch, p.expires_at_ms";

  private static final String PG_NOW =
      "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

  private final DirectoryDatabase db;
  private final Clock clock;

  /** Whether the database is PostgreSQL; learnt from the first connection. */
  private volatile Boolean postgres;

  ClusterStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public PrimaryLease join(String primary, String rpcAddress, Duration lease)
      throws DirectoryException {
    checkName(primary);
    if (rpcAddress == null || rpcAddress.isEmpty() || rpcAddress.length() > MAX_ADDRESS) {
      throw new DirectoryException("an RPC address is 1 to " + MAX_ADDRESS + " characters");
    }
    long leaseMs = checkLease(lease);
    return db.write(
        c -> {
          long now = now(c);
          long epoch = nextEpoch(c);
          update(
              c,
              "INSERT INTO cluster_primaries (name, rpc_address, epoch, lease_ms, expires_at_ms)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                  + " rpc_address = excluded.rpc_address, epoch = excluded.epoch,"
                  + " lease_ms = excluded.lease_ms, expires_at_ms = excluded.expires_at_ms",
              primary,
              rpcAddress,
              epoch,
              leaseMs,
              now + leaseMs);
          return new PrimaryLease(primary, epoch, lease);
        });
  }

  @Override
  public boolean renew(PrimaryLease lease) throws DirectoryException {
    long leaseMs = checkLease(lease.lease());
    return db.write(
        c -> {
          long now = now(c);
          return update(
                  c,
                  "UPDATE cluster_primaries SET expires_at_ms = ?, lease_ms = ?"
                      + " WHERE name = ? AND epoch = ? AND expires_at_ms > ?",
                  now + leaseMs,
                  leaseMs,
                  lease.primary(),
                  lease.epoch(),
                  now)
              == 1;
        });
  }

  @Override
  public void leave(PrimaryLease lease) throws DirectoryException {
    db.write(
        c -> {
          long now = now(c);
          return update(
              c,
              "UPDATE cluster_primaries SET expires_at_ms = ?"
                  + " WHERE name = ? AND epoch = ? AND expires_at_ms > ?",
              now,
              lease.primary(),
              lease.epoch(),
              now);
        });
  }

  @Override
  public VaultOwner owner(String vaultId) throws DirectoryException {
    checkVaultId(vaultId);
    return db.<VaultOwner, DirectoryException>write(
        c -> {
          long now = now(c);
          Row seen = row(c, vaultId);
          if (seen != null && seen.liveAt(now)) {
            return seen.owner();
          }
          Candidate target = leastLoaded(c, now);
          if (target == null) {
            throw new NoLivePrimaryException("no storage primary is live");
          }
          long epoch = nextEpoch(c);
          int changed;
          if (seen == null) {
            changed =
                update(
                    c,
                    "INSERT INTO vault_owners (vault_id, primary_name, epoch) VALUES (?, ?, ?)"
                        + " ON CONFLICT (vault_id) DO NOTHING",
                    vaultId,
                    target.name(),
                    epoch);
          } else {
            changed =
                update(
                    c,
                    "UPDATE vault_owners SET primary_name = ?, epoch = ?"
                        + " WHERE vault_id = ? AND epoch = ?",
                    target.name(),
                    epoch,
                    vaultId,
                    seen.vaultEpoch());
          }
          if (changed == 1) {
            return new VaultOwner(vaultId, target.name(), target.rpcAddress(), epoch);
          }
          // Another front-end assigned it first; its transaction has committed by now.
          Row winner = row(c, vaultId);
          if (winner == null) {
            throw new IllegalStateException("a vault's owner vanished during its assignment");
          }
          return winner.owner();
        });
  }

  @Override
  public Optional<VaultOwner> currentOwner(String vaultId) throws DirectoryException {
    checkVaultId(vaultId);
    return db.read(
        c -> {
          Row row = row(c, vaultId);
          return row == null ? Optional.<VaultOwner>empty() : Optional.of(row.owner());
        });
  }

  @Override
  public VaultOwner move(String vaultId, String primary) throws DirectoryException {
    checkVaultId(vaultId);
    checkName(primary);
    return db.<VaultOwner, DirectoryException>write(
        c -> {
          long now = now(c);
          Candidate target =
              queryOne(
                  c,
                  "SELECT name, rpc_address, expires_at_ms FROM cluster_primaries WHERE name = ?",
                  rs -> new Candidate(rs.getString(1), rs.getString(2), rs.getLong(3)),
                  primary);
          if (target == null) {
            throw new DirectoryException("no primary of that name has joined the cluster");
          }
          if (target.expiresAtMs() <= now) {
            throw new NoLivePrimaryException("that primary's lease has lapsed");
          }
          long epoch = nextEpoch(c);
          update(
              c,
              "INSERT INTO vault_owners (vault_id, primary_name, epoch) VALUES (?, ?, ?)"
                  + " ON CONFLICT (vault_id) DO UPDATE SET primary_name = excluded.primary_name,"
                  + " epoch = excluded.epoch",
              vaultId,
              primary,
              epoch);
          return new VaultOwner(vaultId, primary, target.rpcAddress(), epoch);
        });
  }

  @Override
  public List<PrimaryStatus> primaries() throws DirectoryException {
    return db.read(
        c -> {
          long now = now(c);
          return queryAll(
              c,
              "SELECT p.name, p.rpc_address, p.epoch, p.expires_at_ms,"
                  + " (SELECT count(*) FROM vault_owners v"
                  + " WHERE v.primary_name = p.name AND v.epoch > p.epoch)"
                  + " FROM cluster_primaries p ORDER BY p.name",
              rs ->
                  new PrimaryStatus(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getLong(3),
                      rs.getLong(4) > now,
                      rs.getLong(5)));
        });
  }

  /** The live primary owning the fewest vaults in its incarnation; ties by name. */
  private static Candidate leastLoaded(Connection c, long now) throws SQLException {
    return queryOne(
        c,
        "SELECT p.name, p.rpc_address, p.expires_at_ms FROM cluster_primaries p"
            + " WHERE p.expires_at_ms > ?"
            + " ORDER BY (SELECT count(*) FROM vault_owners v"
            + " WHERE v.primary_name = p.name AND v.epoch > p.epoch), p.name"
            + " LIMIT 1",
        rs -> new Candidate(rs.getString(1), rs.getString(2), rs.getLong(3)),
        now);
  }

  private static Row row(Connection c, String vaultId) throws SQLException {
    return queryOne(
        c,
        "SELECT "
            + OWNER_COLUMNS
            + " FROM vault_owners v JOIN cluster_primaries p ON p.name = v.primary_name"
            + " WHERE v.vault_id = ?",
        rs ->
            new Row(
                new VaultOwner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                rs.getLong(5),
                rs.getLong(6)),
        vaultId);
  }

  /** Takes the next cluster epoch; in PostgreSQL the counter row stays locked until commit. */
  private static long nextEpoch(Connection c) throws SQLException {
    return queryOne(
        c,
        "UPDATE cluster_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch",
        rs -> rs.getLong(1));
  }

  /** Milliseconds since the epoch by the database's clock (see the class comment). */
  private long now(Connection c) throws SQLException {
    if (isPostgres(c)) {
      return queryOne(c, PG_NOW, rs -> rs.getLong(1));
    }
    return clock.millis();
  }

  private boolean isPostgres(Connection c) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
      postgres = known;
    }
    return known;
  }

  private static long checkLease(Duration lease) throws DirectoryException {
    if (lease == null || lease.toMillis() < 1 || lease.compareTo(Duration.ofHours(24)) > 0) {
      throw new DirectoryException("a lease is between 1 ms and 24 hours");
    }
    return lease.toMillis();
  }

  private static void checkName(String primary) throws DirectoryException {
    if (primary == null || !NAME.matcher(primary).matches()) {
      throw new DirectoryException("a primary's name is 1 to 253 letters, digits, '.', '-' or '_'");
    }
  }

  private static void checkVaultId(String vaultId) throws DirectoryException {
    if (vaultId == null || !VAULT_ID.matcher(vaultId).matches()) {
      throw new DirectoryException("a vault id is 1 to 128 letters, digits, '-' or '_'");
    }
  }

  private record Candidate(String name, String rpcAddress, long expiresAtMs) {}

  /** An owner row with its primary's incarnation and lease. */
  private record Row(VaultOwner owner, long primaryEpoch, long expiresAtMs) {

    long vaultEpoch() {
      return owner.epoch();
    }

    boolean liveAt(long now) {
      return expiresAtMs > now && owner.epoch() > primaryEpoch;
    }
  }
}
