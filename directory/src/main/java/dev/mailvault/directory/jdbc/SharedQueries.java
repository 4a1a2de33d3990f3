package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Steps several directory operations share, each run inside the caller's transaction. */
final class SharedQueries {

  static final String UNKNOWN_DOMAIN = "no such domain";
  static final String UNKNOWN_ALIAS = "no such alias";

  private SharedQueries() {}

  static UsageChain usageChain(Connection c, String vaultId) throws SQLException {
    return queryOne(
        c,
        DirectorySql.SELECT_USAGE_CHAIN,
        rs ->
            new UsageChain(
                level(rs, 1, "alias", "this mailbox's"),
                level(rs, 6, "domain", "the domain's"),
                level(rs, 11, "account", "the account's")),
        vaultId);
  }

  private static UsageChain.Level level(ResultSet rs, int column, String name, String whose)
      throws SQLException {
    return new UsageChain.Level(
        name, whose, rs.getLong(column), Rows.limits(rs, column + 1), Rows.usage(rs, column + 3));
  }

  /** Takes usage that leaves with an alias off its domain and account. */
  static void releaseAbove(Connection c, UsageChain chain, long bytes, long messages)
      throws SQLException {
    release(c, DirectorySql.RELEASE_DOMAIN, chain.domain().id(), bytes, messages);
    release(c, DirectorySql.RELEASE_ACCOUNT, chain.account().id(), bytes, messages);
  }

  static void release(Connection c, String sql, long id, long bytes, long messages)
      throws SQLException {
    update(c, sql, bytes, bytes, messages, messages, id);
  }

  static DomainInfo domain(Connection c, DomainName name) throws SQLException {
    return queryOne(c, DirectorySql.SELECT_DOMAIN, Rows::domain, name.value());
  }

  static long requireDomainId(Connection c, DomainName name)
      throws SQLException, UnknownDomainException {
    Long id = queryOne(c, DirectorySql.SELECT_DOMAIN, rs -> rs.getLong(1), name.value());
    if (id == null) {
      throw new UnknownDomainException(UNKNOWN_DOMAIN);
    }
    return id;
  }

  static AliasRow alias(Connection c, EmailAddress address) throws SQLException {
    return queryOne(c, DirectorySql.SELECT_ALIAS, Rows::alias, address.canonical());
  }

  static AliasRow requireAlias(Connection c, EmailAddress address)
      throws SQLException, UnknownAliasException {
    AliasRow row = alias(c, address);
    if (row == null) {
      throw new UnknownAliasException(UNKNOWN_ALIAS);
    }
    return row;
  }
}
