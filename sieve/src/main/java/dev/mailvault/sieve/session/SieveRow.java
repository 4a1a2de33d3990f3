package dev.mailvault.sieve.session;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.protocol.command.CommandRow;
import dev.mailvault.sieve.codec.SieveCommand;
import java.util.List;
import java.util.Set;

/**
 * One row of the ManageSieve command table (ADR 0191, 0248): the command, the parsed type, the
 * states it runs in, the capabilities it brings (RFC 5804 §1.7, each {@code NAME} or {@code NAME
 * value}), and its handler.
 */
public record SieveRow(
    String verb,
    Class<? extends SieveCommand> type,
    Set<SieveState> states,
    List<String> keywords,
    Handler<SieveCommand> handler)
    implements CommandRow<SieveState> {

  /** What a command does; {@link SieveFailure} is its {@code NO}. */
  @FunctionalInterface
  public interface Handler<C extends SieveCommand> {
    void handle(C command, SieveSession session) throws SieveFailure, MailvaultException;
  }

  public SieveRow {
    states = Set.copyOf(states);
    keywords = List.copyOf(keywords);
  }

  /** A row whose handler takes the command's own type. */
  @SuppressWarnings("unchecked")
  public static <C extends SieveCommand> SieveRow of(
      String verb,
      Class<C> type,
      Set<SieveState> states,
      List<String> keywords,
      Handler<C> handler) {
    return new SieveRow(verb, type, states, keywords, (Handler<SieveCommand>) handler);
  }
}
