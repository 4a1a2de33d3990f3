package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.requireDomainId;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DkimKeyState;
import dev.mailvault.directory.UnknownDomainException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The domains' DKIM keys in table {@code dkim_keys} (ADR 0207). The sealed private key goes in and
 * comes out as it is: the directory cannot open it. Each operation is one short transaction.
 */
final class DkimKeyStorage {

  private final DirectoryDatabase db;
  private final Clock clock;

  DkimKeyStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<DkimKeyRecord> keys(DomainName domain) throws UnknownDomainException {
    return db.read(c -> list(c, requireDomainId(c, domain)));
  }

  void add(DomainName domain, List<DkimKeyRecord> keys) throws UnknownDomainException {
    db.write(
        c -> {
          long domainId = requireDomainId(c, domain);
          for (DkimKeyRecord key : keys) {
            insert(c, domainId, key);
          }
          return null;
        });
  }

  void rotate(DomainName domain, List<DkimKeyRecord> fresh, Instant forgetRetiredBefore)
      throws UnknownDomainException {
    db.write(
        c -> {
          long domainId = requireDomainId(c, domain);
          for (DkimKeyRecord old : list(c, domainId)) {
            if (old.retired().filter(at -> at.isBefore(forgetRetiredBefore)).isPresent()) {
              update(c, DirectorySql.DELETE_DKIM_KEY, domainId, old.selector());
            }
          }
          update(c, DirectorySql.RETIRE_DKIM_KEYS, clock.instant().toString(), domainId);
          for (DkimKeyRecord key : fresh) {
            insert(c, domainId, key);
          }
          return null;
        });
  }

  private static List<DkimKeyRecord> list(Connection c, long domainId) throws SQLException {
    return queryAll(c, DirectorySql.LIST_DKIM_KEYS, DkimKeyStorage::row, domainId);
  }

  private static void insert(Connection c, long domainId, DkimKeyRecord key) throws SQLException {
    update(
        c,
        DirectorySql.INSERT_DKIM_KEY,
        domainId,
        key.selector(),
        key.algorithm(),
        key.publicKey(),
        key.sealedPrivateKey(),
        key.created().toString(),
        key.state().name().toLowerCase(Locale.ROOT),
        key.retired().map(Instant::toString).orElse(null));
  }

  /** Columns of {@code DirectorySql.DKIM_COLUMNS}, in order. */
  private static DkimKeyRecord row(ResultSet rs) throws SQLException {
    return new DkimKeyRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getBytes(3),
        rs.getBytes(4),
        Instant.parse(rs.getString(5)),
        DkimKeyState.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
        Optional.ofNullable(rs.getString(7)).map(Instant::parse));
  }
}
