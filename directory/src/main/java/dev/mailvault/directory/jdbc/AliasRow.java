package dev.mailvault.directory.jdbc;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.Usage;
import java.time.Instant;
import java.util.List;

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
    Instant updated,
    DeliveryMode mode) {

  /** A row of an alias that stores its mail (the only mode before ADR 0240). */
  AliasRow(
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
    this(
        id,
        domainId,
        address,
        vaultId,
        keyGeneration,
        passwordWrap,
        spoolPublicKey,
        wrappedSpoolPrivateKey,
        enabled,
        limits,
        usage,
        created,
        updated,
        DeliveryMode.STORE);
  }

  AliasInfo info() {
    return new AliasInfo(address, vaultId, enabled, limits, usage, created, updated);
  }

  AliasRoute route(List<ForwardTarget> forwards) {
    return new AliasRoute(address, vaultId, enabled, spoolPublicKey, mode, forwards);
  }
}
