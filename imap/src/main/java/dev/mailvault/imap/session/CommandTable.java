package dev.mailvault.imap.session;

import dev.mailvault.imap.codec.ImapCommand;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one table of IMAP commands (DESIGN §6), on the runtime's generic table (ADR 0191): which
 * parsed command runs which handler in which states. CAPABILITY is derived from it, so a capability
 * is advertised exactly when its command exists.
 */
public final class CommandTable {

  private final dev.mailvault.protocol.command.CommandTable<
          CommandSpec<?>, SessionState, ImapSession>
      rows;

  private CommandTable(
      dev.mailvault.protocol.command.CommandTable<CommandSpec<?>, SessionState, ImapSession> rows) {
    this.rows = rows;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The row for a parsed command, or null when no handler exists. */
  public CommandSpec<?> specFor(ImapCommand command) {
    return rows.rowFor(command);
  }

  /** The capabilities this session has now (RFC 9051 §6.1.1), IMAP4rev2 and IMAP4rev1 first. */
  public List<String> capabilities(ImapSession session) {
    List<String> names = new ArrayList<>();
    names.add("IMAP4rev2");
    names.add("IMAP4rev1");
    names.addAll(rows.keywords(session));
    return names;
  }

  /** Builds the table; see {@code ImapCommands} for the rows. */
  public static final class Builder {
    private final dev.mailvault.protocol.command.CommandTable.Builder<
            CommandSpec<?>, SessionState, ImapSession>
        rows = dev.mailvault.protocol.command.CommandTable.builder();

    private Builder() {}

    /** A command allowed in {@code states}, bringing {@code capabilities}. */
    public <C extends ImapCommand> Builder command(
        String name,
        Class<C> type,
        Set<SessionState> states,
        List<String> capabilities,
        CommandHandler<C> handler) {
      return add(new CommandSpec<>(name, type, states, capabilities, true, handler));
    }

    /**
     * A command with sequence numbers in its answer, during which EXPUNGE may not be sent (RFC 9051
     * §7.5.1: FETCH, STORE, SEARCH; their UID forms may, and are told apart by the handler).
     */
    public <C extends ImapCommand> Builder numberedCommand(
        String name,
        Class<C> type,
        Set<SessionState> states,
        List<String> capabilities,
        CommandHandler<C> handler) {
      return add(new CommandSpec<>(name, type, states, capabilities, false, handler));
    }

    private Builder add(CommandSpec<?> spec) {
      rows.row(spec);
      return this;
    }

    /** A capability of the codec or of several commands (LITERAL+, CHILDREN, ...). */
    public Builder feature(String capability) {
      rows.feature(capability);
      return this;
    }

    /** A capability advertised only while {@code when} holds. */
    public Builder conditional(String capability, Predicate<ImapSession> when) {
      rows.conditional(capability, when);
      return this;
    }

    public CommandTable build() {
      return new CommandTable(rows.build());
    }
  }

  /** States shorthand for the rows. */
  public static final Set<SessionState> ANY =
      EnumSet.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED);

  public static final Set<SessionState> NOT_AUTHENTICATED =
      EnumSet.of(SessionState.NOT_AUTHENTICATED);

  public static final Set<SessionState> AUTHENTICATED =
      EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);

  public static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);
}
