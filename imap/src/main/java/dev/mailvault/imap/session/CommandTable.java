package dev.mailvault.imap.session;

import dev.mailvault.imap.codec.ImapCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one table of commands (DESIGN §6): which parsed command runs which handler in which states.
 * CAPABILITY is derived from it, so a capability is advertised exactly when its command exists.
 */
public final class CommandTable {

  /** A capability that depends on the session (STARTTLS only before TLS, and so on). */
  private record Conditional(String name, Predicate<ImapSession> when) {}

  private final Map<Class<? extends ImapCommand>, CommandSpec<?>> specs;
  private final List<String> features;
  private final List<Conditional> conditionals;

  private CommandTable(
      Map<Class<? extends ImapCommand>, CommandSpec<?>> specs,
      List<String> features,
      List<Conditional> conditionals) {
    // Insertion order, so CAPABILITY lists the same names in the same order every time.
    this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    this.features = List.copyOf(features);
    this.conditionals = List.copyOf(conditionals);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The row for a parsed command, or null when no handler exists. */
  public CommandSpec<?> specFor(ImapCommand command) {
    return specs.get(command.getClass());
  }

  /** The capabilities this session has now (RFC 9051 §6.1.1), IMAP4rev2 and IMAP4rev1 first. */
  public List<String> capabilities(ImapSession session) {
    Set<String> names = new LinkedHashSet<>();
    names.add("IMAP4rev2");
    names.add("IMAP4rev1");
    for (CommandSpec<?> spec : specs.values()) {
      names.addAll(spec.capabilities());
    }
    names.addAll(features);
    for (Conditional conditional : conditionals) {
      if (conditional.when().test(session)) {
        names.add(conditional.name());
      } else {
        names.remove(conditional.name());
      }
    }
    return new ArrayList<>(names);
  }

  /** Builds the table; see {@code ImapCommands} for the rows. */
  public static final class Builder {
    private final Map<Class<? extends ImapCommand>, CommandSpec<?>> specs = new LinkedHashMap<>();
    private final List<String> features = new ArrayList<>();
    private final List<Conditional> conditionals = new ArrayList<>();

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
      if (specs.putIfAbsent(spec.type(), spec) != null) {
        throw new IllegalStateException("two rows for " + spec.name());
      }
      return this;
    }

    /** A capability of the codec or of several commands (LITERAL+, CHILDREN, ...). */
    public Builder feature(String capability) {
      features.add(capability);
      return this;
    }

    /** A capability advertised only while {@code when} holds. */
    public Builder conditional(String capability, Predicate<ImapSession> when) {
      conditionals.add(new Conditional(capability, when));
      return this;
    }

    public CommandTable build() {
      return new CommandTable(specs, features, conditionals);
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
