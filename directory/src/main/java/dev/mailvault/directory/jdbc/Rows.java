package dev.mailvault.directory.jdbc;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.Usage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;

/** Reads rows of {@link DirectorySql}'s SELECT lists. */
final class Rows {

  private Rows() {}

  /** Columns of {@code DirectorySql.ALIAS_COLUMNS}, in order. */
  static AliasRow alias(ResultSet rs) throws SQLException {
    return new AliasRow(
        rs.getLong(1),
        rs.getLong(2),
        address(rs.getString(3), rs.getString(4)),
        rs.getString(5),
        rs.getLong(6),
        new PasswordWrap(rs.getBytes(8), Argon2Params.parse(rs.getString(7)), rs.getBytes(9)),
        rs.getBytes(10),
        rs.getBytes(11),
        rs.getBoolean(12),
        limits(rs, 13),
        usage(rs, 15),
        Instant.parse(rs.getString(17)),
        Instant.parse(rs.getString(18)),
        DeliveryMode.valueOf(rs.getString(19).toUpperCase(java.util.Locale.ROOT)));
  }

  /** Columns of {@code DirectorySql.DOMAIN_COLUMNS}, in order. */
  static DomainInfo domain(ResultSet rs) throws SQLException {
    return new DomainInfo(
        domainName(rs.getString(2)),
        rs.getInt(8),
        limits(rs, 3),
        usage(rs, 5),
        Instant.parse(rs.getString(7)));
  }

  /** Two nullable limit columns starting at {@code column}. */
  static QuotaLimits limits(ResultSet rs, int column) throws SQLException {
    return new QuotaLimits(optionalLong(rs, column), optionalLong(rs, column + 1));
  }

  /** Two counter columns starting at {@code column}. */
  static Usage usage(ResultSet rs, int column) throws SQLException {
    return new Usage(rs.getLong(column), rs.getLong(column + 1));
  }

  static DomainName domainName(String stored) {
    try {
      return DomainName.parse(stored);
    } catch (InvalidAddressException e) {
      throw new DirectoryStorageException("a stored domain name is malformed", e);
    }
  }

  private static EmailAddress address(String localPart, String domain) {
    try {
      return EmailAddress.parse(localPart + "@" + domain);
    } catch (InvalidAddressException e) {
      throw new DirectoryStorageException("a stored address is malformed", e);
    }
  }

  private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
