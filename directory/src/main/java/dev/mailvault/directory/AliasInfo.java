package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import java.time.Instant;

/** An alias as listed for an administrator; no key material. */
public record AliasInfo(
    EmailAddress address,
    String vaultId,
    boolean enabled,
    QuotaLimits limits,
    Usage usage,
    Instant created,
    Instant updated) {}
