package dev.mailvault.directory;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain's routing beyond its aliases (ADR 0243).
 *
 * @param catchAll the alias that receives mail for unknown local parts
 * @param forwardTo the domain every local part is forwarded to ({@code local@a} to {@code local@b})
 */
public record DomainRouting(Optional<EmailAddress> catchAll, Optional<DomainName> forwardTo) {

  public static final DomainRouting NONE = new DomainRouting(Optional.empty(), Optional.empty());

  public DomainRouting {
    Objects.requireNonNull(catchAll, "catchAll");
    Objects.requireNonNull(forwardTo, "forwardTo");
  }
}
