package dev.mailvault.protocol.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A protocol's one table of commands (DESIGN §6, ADR 0191): which parsed command runs which row in
 * which states. The capability list a client sees (IMAP CAPABILITY, SMTP EHLO, POP3 CAPA) is
 * derived from it, so a capability is advertised exactly when its command exists.
 *
 * @param <R> the protocol's row type
 * @param <S> the protocol's session states
 * @param <X> the protocol's session, which conditional capabilities are judged against
 */
public final class CommandTable<R extends CommandRow<S>, S, X> {

  /** A capability that depends on the session (STARTTLS only before TLS, and so on). */
  private record Conditional<X>(String name, Predicate<X> when) {}

  private final Map<Class<?>, R> rows;

  /** The rows' capabilities and the features, in the order they were added. */
  private final List<String> listed;

  private final List<Conditional<X>> conditionals;

  private CommandTable(Map<Class<?>, R> rows, List<String> listed, List<Conditional<X>> cond) {
    // Insertion order, so the capability list has the same names in the same order every time.
    this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    this.listed = List.copyOf(new LinkedHashSet<>(listed));
    this.conditionals = List.copyOf(cond);
  }

  public static <R extends CommandRow<S>, S, X> Builder<R, S, X> builder() {
    return new Builder<>();
  }

  /** The row for a parsed command, or null when the protocol has no handler for it. */
  public R rowFor(Object command) {
    return rows.get(command.getClass());
  }

  /** Every row, in the order they were added. */
  public Collection<R> rows() {
    return rows.values();
  }

  /**
   * The capabilities this session has now: the rows' and the features, in the order they were added
   * to the builder (a feature added between two rows is listed between their capabilities, for a
   * protocol whose clients have long seen a given order), then each conditional one added while it
   * holds (and removed while it does not, even when a row brings it).
   */
  public List<String> keywords(X session) {
    Set<String> names = new LinkedHashSet<>(listed);
    for (Conditional<X> conditional : conditionals) {
      if (conditional.when().test(session)) {
        names.add(conditional.name());
      } else {
        names.remove(conditional.name());
      }
    }
    return new ArrayList<>(names);
  }

  /** Builds a table; each protocol's {@code ...Commands} class lists its rows. */
  public static final class Builder<R extends CommandRow<S>, S, X> {
    private final Map<Class<?>, R> rows = new LinkedHashMap<>();
    private final List<String> listed = new ArrayList<>();
    private final List<Conditional<X>> conditionals = new ArrayList<>();

    private Builder() {}

    /** Adds a row; two rows for one command type are a programming error. */
    public Builder<R, S, X> row(R row) {
      if (rows.putIfAbsent(row.type(), row) != null) {
        throw new IllegalStateException("two rows for " + row.verb());
      }
      listed.addAll(row.keywords());
      return this;
    }

    /** A capability of the codec or of several commands (LITERAL+, PIPELINING, ...). */
    public Builder<R, S, X> feature(String capability) {
      listed.add(capability);
      return this;
    }

    /** A capability advertised only while {@code when} holds. */
    public Builder<R, S, X> conditional(String capability, Predicate<X> when) {
      conditionals.add(new Conditional<>(capability, when));
      return this;
    }

    public CommandTable<R, S, X> build() {
      return new CommandTable<>(rows, listed, conditionals);
    }
  }
}
