package dev.mailvault.mailauth.rspamd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What rspamd said about one message ({@code /checkv2}).
 *
 * @param action what it advises
 * @param score the message's score
 * @param requiredScore the score of its {@code reject} threshold, as rspamd reports it
 * @param symbols the symbols that matched, in rspamd's order
 * @param message rspamd's {@code messages.smtp_message}, the text it wants in an SMTP reply; it may
 *     quote the sender's input, so it belongs in a reply, not in a log line
 * @param subject the rewritten subject, for {@link RspamdAction#REWRITE_SUBJECT}
 */
public record RspamdVerdict(
    RspamdAction action,
    double score,
    double requiredScore,
    List<RspamdSymbol> symbols,
    Optional<String> message,
    Optional<String> subject) {

  public RspamdVerdict {
    Objects.requireNonNull(action, "action");
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(subject, "subject");
  }

  /** Whether rspamd judged it spam: any action that marks, holds or refuses it. */
  public boolean isSpam() {
    return switch (action) {
      case ADD_HEADER, REWRITE_SUBJECT, QUARANTINE, REJECT, DISCARD -> true;
      case NO_ACTION, GREYLIST, SOFT_REJECT -> false;
    };
  }

  /** The symbol named {@code name}, if it matched. */
  public Optional<RspamdSymbol> symbol(String name) {
    return symbols.stream().filter(symbol -> symbol.name().equals(name)).findFirst();
  }
}
