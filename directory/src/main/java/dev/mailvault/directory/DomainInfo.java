package dev.mailvault.directory;

import dev.mailvault.core.address.DomainName;
import java.time.Instant;

/** A domain as listed: its name, how many aliases it has, its quota and usage. */
public record DomainInfo(
    DomainName name, int aliasCount, QuotaLimits limits, Usage usage, Instant created) {}
