package dev.mailvault.imap.session;

import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.protocol.command.CommandRow;
import java.util.List;
import java.util.Set;

/**
 * One row of the command table (DESIGN §6): the command, the states it is allowed in, the
 * capabilities it brings, and its handler.
 *
 * @param name the command name as a client writes it (for BAD answers)
 * @param type the parsed command's record type
 * @param states the states in which it is allowed (RFC 9051 §6)
 * @param capabilities capability names that exist because this command does
 * @param expungesAllowed whether EXPUNGE responses may be sent with its completion (RFC 9051
 *     §7.5.1: not during FETCH, STORE, SEARCH by sequence number)
 * @param handler what runs it
 */
public record CommandSpec<C extends ImapCommand>(
    String name,
    Class<C> type,
    Set<SessionState> states,
    List<String> capabilities,
    boolean expungesAllowed,
    CommandHandler<C> handler)
    implements CommandRow<SessionState> {

  public CommandSpec {
    states = Set.copyOf(states);
    capabilities = List.copyOf(capabilities);
  }

  @Override
  public String verb() {
    return name;
  }

  @Override
  public List<String> keywords() {
    return capabilities;
  }

  @SuppressWarnings("unchecked")
  void run(ImapCommand command, ImapSession session)
      throws dev.mailvault.core.error.MailvaultException {
    handler.handle((C) command, session);
  }
}
