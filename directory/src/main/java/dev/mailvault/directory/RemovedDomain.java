package dev.mailvault.directory;

import dev.mailvault.core.address.DomainName;
import java.util.List;

/** A domain removed from the directory, with the aliases removed with it (forced removal). */
public record RemovedDomain(DomainName name, List<RemovedAlias> aliases) {

  public RemovedDomain {
    aliases = List.copyOf(aliases);
  }
}
