package dev.mailvault.mailauth.rspamd;

import java.util.List;
import java.util.Objects;

/**
 * One rspamd symbol: a rule that matched.
 *
 * @param name the symbol's name, e.g. {@code R_SPF_ALLOW}
 * @param score in a verdict, the score it added; in {@link RspamdScan#knownResults()}, the weight
 *     rspamd multiplies the symbol's configured score with (1.0: as configured)
 * @param options what rspamd noted with it (a domain, a matched value); may be sender-controlled
 */
public record RspamdSymbol(String name, double score, List<String> options) {

  public RspamdSymbol {
    Objects.requireNonNull(name, "name");
    options = List.copyOf(options);
  }
}
