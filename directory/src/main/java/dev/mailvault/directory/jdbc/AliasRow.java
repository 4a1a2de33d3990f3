package dev.mailvault.directory.jdbc;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.Usage;
import java.time.Instant;

/** One row of {@code aliases} with its domain's name, as read by {@link DirectorySql}. */
record AliasRow(
    long id,
    long domainId,
    EmailAddress address,
    String vaultId,
    long keyGeneration,
    PasswordWrap passwordWrap,
    byte[] spoolPublicKey,
    byte[] wrappedSpoolPrivateKey,
    boolean enabled,
    QuotaLimits limits,
    Usage usage,
    Instant created,
    Instant updated) {

  AliasInfo info() {
    return new AliasInfo(address, vaultId, enabled, limits, usage, created, updated);
  }

  AliasRoute route() {
    return new AliasRoute(address, vaultId, enabled, spoolPublicKey);
  }
}
