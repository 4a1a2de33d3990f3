package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.exists;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.Totp;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.crypto.WrapPurpose;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * An alias's own TOTP secret (RFC 6238, ADR 0267), sealed under its data key, so only a login with
 * its password can read it; the latest accepted time step is kept so a code works once.
 */
final class TotpStorage {

  private static final String DELETE = "DELETE FROM alias_totp WHERE alias_id = ?";
  private static final String INSERT =
      "INSERT INTO alias_totp (alias_id, sealed_secret, last_step, created_at) VALUES (?, ?, ?, ?)";
  private static final String EXISTS = "SELECT 1 FROM alias_totp WHERE alias_id = ?";
  private static final String SELECT =
      "SELECT sealed_secret, last_step FROM alias_totp WHERE alias_id = ?";
  private static final String ADVANCE =
      "UPDATE alias_totp SET last_step = ? WHERE alias_id = ? AND last_step < ?";
  private static final String DELETE_DOMAIN =
      "DELETE FROM alias_totp WHERE alias_id IN (SELECT id FROM aliases WHERE domain_id = ?)";

  private final DirectoryDatabase db;
  private final Clock clock;

  TotpStorage(DirectoryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Stores (or replaces) the secret; {@code usedStep} is the step of the confirming code. */
  void enable(UnlockedAlias unlocked, byte[] secret, long usedStep)
      throws UnknownAliasException, ConcurrentChangeException {
    byte[] sealed;
    try (SecretBytes plain = SecretBytes.copyOf(secret)) {
      sealed = KeyWrap.wrap(unlocked.dataKey(), plain, aad(unlocked.vaultId()));
    }
    try {
      db.write(
          c -> {
            AliasRow alias = requireAlias(c, unlocked.address());
            if (!alias.vaultId().equals(unlocked.vaultId())) {
              throw new ConcurrentChangeException(
                  "the alias's keys changed meanwhile; log in again");
            }
            update(c, DELETE, alias.id());
            update(c, INSERT, alias.id(), sealed, usedStep, clock.instant().toString());
            return null;
          });
    } catch (UnknownAliasException | ConcurrentChangeException e) {
      throw e;
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean disable(EmailAddress address) throws UnknownAliasException {
    return db.write(c -> update(c, DELETE, requireAlias(c, address).id()) > 0);
  }

  boolean enabled(EmailAddress address) throws UnknownAliasException {
    return db.read(c -> exists(c, EXISTS, requireAlias(c, address).id()));
  }

  /**
   * Whether {@code code} is valid now for the alias and not used before; a match is recorded, so
   * the same code fails the second time. False when two-factor is off.
   */
  boolean verify(UnlockedAlias unlocked, String code, Instant now) throws UnknownAliasException {
    Row row =
        db.read(
            c ->
                queryOne(
                    c,
                    SELECT,
                    rs -> new Row(rs.getBytes(1), rs.getLong(2)),
                    requireAlias(c, unlocked.address()).id()));
    if (row == null) {
      return false;
    }
    OptionalLong step;
    try (SecretBytes secret =
        KeyWrap.unwrap(unlocked.dataKey(), row.sealed, aad(unlocked.vaultId()))) {
      step = secret.apply(s -> Totp.verify(s, code, now, row.lastStep));
    } catch (UnwrapException e) {
      throw new DirectoryStorageException("an alias's sealed TOTP secret does not open", e);
    }
    if (step.isEmpty()) {
      return false;
    }
    long matched = step.getAsLong();
    return db.write(
        c -> update(c, ADVANCE, matched, requireAlias(c, unlocked.address()).id(), matched) == 1);
  }

  static void forgetAlias(Connection c, long aliasId) throws SQLException {
    update(c, DELETE, aliasId);
  }

  static void forgetDomainAliases(Connection c, long domainId) throws SQLException {
    update(c, DELETE_DOMAIN, domainId);
  }

  private static byte[] aad(String vaultId) {
    return WrapPurpose.TOTP_SECRET.associatedData(vaultId);
  }

  private record Row(byte[] sealed, long lastStep) {}
}
