package dev.mailvault.core.sieve;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Sieve script (RFC 5228) compiled once and evaluated for many messages. Immutable and safe to
 * share between threads. Compiling checks everything that can be checked without a message (ADR
 * 0236); evaluating does no I/O and is bounded: Sieve has no loops, matching is linear or O(n·m),
 * and the number of actions and variables is capped.
 */
public final class SieveScript {

  /** The largest script accepted, in characters (Pigeonhole's default is 1 MiB; ours is small). */
  public static final int MAX_SOURCE = 64 * 1024;

  /** The most actions (redirects included) one evaluation may take (ManageSieve MAXREDIRECTS). */
  public static final int MAX_ACTIONS = ActionList.MAX_ACTIONS;

  private static final Set<String> EXTENSIONS =
      java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(Grammar.EXTENSIONS));

  private final List<Node> commands;
  private final Set<String> required;

  private SieveScript(List<Node> commands, Set<String> required) {
    this.commands = commands;
    this.required = required;
  }

  /** Parses and checks {@code source}. */
  public static SieveScript compile(String source) throws SieveSyntaxException {
    Objects.requireNonNull(source, "source");
    if (source.length() > MAX_SOURCE) {
      throw new SieveSyntaxException(1, "script longer than " + MAX_SOURCE + " characters");
    }
    SieveValidator.Result result =
        SieveValidator.validate(SieveParser.parse(SieveLexer.tokens(source)));
    return new SieveScript(List.copyOf(result.commands()), result.required());
  }

  /**
   * Runs the script on {@code message}. On {@link SieveRuntimeException} the caller keeps the
   * message in INBOX (RFC 5228 §2.10.6).
   */
  public SieveOutcome evaluate(SieveMessage message, SieveEnvironment environment)
      throws SieveRuntimeException {
    try {
      return new Interpreter(message, environment).run(commands);
    } catch (RuntimeException e) {
      // Whatever went wrong, the caller keeps the message (RFC 5228 §2.10.6). The cause is left
      // out: its message could quote the mail being filtered.
      throw new SieveRuntimeException("evaluation failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Every extension a script may require, sorted: what ManageSieve's {@code SIEVE} capability lists
   * (RFC 5804 §1.7).
   */
  public static Set<String> supportedExtensions() {
    return EXTENSIONS;
  }

  /** The extensions named by {@code require}, lower-case. */
  public Set<String> requiredExtensions() {
    return required;
  }
}
