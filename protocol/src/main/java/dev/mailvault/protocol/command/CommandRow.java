package dev.mailvault.protocol.command;

import java.util.List;
import java.util.Set;

/**
 * One row of a protocol's command table (DESIGN §6, ADR 0191): the verb, the parsed command's type
 * the row answers for, the session states it is allowed in, and the capability names (IMAP
 * CAPABILITY, SMTP EHLO keywords, POP3 CAPA tags) that exist because the command does. Each
 * protocol's row adds its own handler type.
 *
 * @param <S> the protocol's session states
 */
public interface CommandRow<S> {

  /** The command as a client writes it. */
  String verb();

  /** The parsed command's type this row answers for. */
  Class<?> type();

  /** The states it is allowed in. */
  Set<S> states();

  /** The capabilities it brings, in the order they are listed. */
  List<String> keywords();
}
