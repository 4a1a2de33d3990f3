package dev.mailvault.pop3.session;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.protocol.command.CommandRow;
import java.util.List;
import java.util.Set;

/**
 * One row of the POP3 command table (ADR 0191): the verb, the parsed type, the states it runs in,
 * the CAPA tags it brings (RFC 2449 §6), and its handler.
 */
public record Pop3Row(
    String verb,
    Class<? extends Pop3Command> type,
    Set<Pop3State> states,
    List<String> keywords,
    Handler<Pop3Command> handler)
    implements CommandRow<Pop3State> {

  /** What a command does; {@link Pop3Failure} is its {@code -ERR}. */
  @FunctionalInterface
  public interface Handler<C extends Pop3Command> {
    void handle(C command, Pop3Session session) throws Pop3Failure, MailvaultException;
  }

  public Pop3Row {
    states = Set.copyOf(states);
    keywords = List.copyOf(keywords);
  }

  /** A row whose handler takes the command's own type. */
  @SuppressWarnings("unchecked")
  public static <C extends Pop3Command> Pop3Row of(
      String verb,
      Class<C> type,
      Set<Pop3State> states,
      List<String> keywords,
      Handler<C> handler) {
    return new Pop3Row(verb, type, states, keywords, (Handler<Pop3Command>) handler);
  }
}
