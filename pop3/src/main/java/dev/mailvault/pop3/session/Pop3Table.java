package dev.mailvault.pop3.session;

import dev.mailvault.protocol.command.CommandTable;

/** The POP3 command table's type: rows, states, and the session conditional CAPA tags see. */
public final class Pop3Table {

  private Pop3Table() {}

  /** The command table POP3 sessions run. */
  public static CommandTable.Builder<Pop3Row, Pop3State, Pop3Session> builder() {
    return CommandTable.builder();
  }
}
