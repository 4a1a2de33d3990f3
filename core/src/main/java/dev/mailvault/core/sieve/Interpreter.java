package dev.mailvault.core.sieve;

import dev.mailvault.core.sieve.SieveAction.Vacation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the commands of a compiled script on one message (RFC 5228 §2.10). One instance per
 * evaluation; nothing is shared. Sieve has no loops, so the work is bounded by the script's size
 * and the matching costs.
 */
final class Interpreter {

  /** The most flags one flag list holds. */
  static final int MAX_FLAGS = 256;

  /** The internal flags variable of RFC 5232 §3, which the implicit keep uses. */
  private final Set<String> internalFlags = new LinkedHashSet<>();

  private final SieveMessage message;
  private final SieveEnvironment environment;
  private final VariableStore variables = new VariableStore();
  private final ActionList actions = new ActionList();
  private final TestEvaluator tests;
  private boolean stopped;

  Interpreter(SieveMessage message, SieveEnvironment environment) {
    this.message = message;
    this.environment = environment;
    this.tests = new TestEvaluator(message, environment, variables, this::flagsOf);
  }

  SieveOutcome run(List<Node> commands) throws SieveRuntimeException {
    block(commands);
    return actions.finish(internalFlags);
  }

  private void block(List<Node> commands) throws SieveRuntimeException {
    // RFC 5228 §3.1: elsif and else run only when no earlier test of the chain was true.
    boolean chainDone = false;
    for (Node c : commands) {
      if (stopped) {
        return;
      }
      switch (c.name()) {
        case "if" -> {
          chainDone = tests.test(c.tests().get(0));
          if (chainDone) {
            block(c.block());
          }
        }
        case "elsif" -> {
          if (!chainDone) {
            chainDone = tests.test(c.tests().get(0));
            if (chainDone) {
              block(c.block());
            }
          }
        }
        case "else" -> {
          if (!chainDone) {
            block(c.block());
          }
          chainDone = true;
        }
        default -> command(c);
      }
    }
  }

  private void command(Node c) throws SieveRuntimeException {
    switch (c.name()) {
      case "stop" -> stopped = true;
      case "keep" -> actions.keep(flagsArgument(c));
      case "discard" -> actions.discard();
      case "fileinto" ->
          actions.fileInto(
              variables.expand(c.text(0)), flagsArgument(c), c.has("create"), c.has("copy"));
      case "redirect" -> {
        String address = variables.expand(c.text(0));
        if (!Addresses.isMailbox(address)) {
          throw new SieveRuntimeException("redirect to an invalid address");
        }
        actions.redirect(address, c.has("copy"));
      }
      case "reject" -> actions.reject(variables.expand(c.text(0)), false);
      case "ereject" -> actions.reject(variables.expand(c.text(0)), true);
      case "setflag", "addflag", "removeflag" -> flagCommand(c);
      case "set" -> set(c);
      case "vacation" -> vacation(c);
      default -> throw new IllegalStateException("unknown command " + c.name());
    }
  }

  // RFC 5232 §3: without :flags, keep and fileinto use the internal variable.
  private Set<String> flagsArgument(Node c) {
    if (!c.has("flags")) {
      return new LinkedHashSet<>(internalFlags);
    }
    Set<String> out = new LinkedHashSet<>();
    addFlags(out, expandAll(c.tagList("flags")));
    return out;
  }

  private void flagCommand(Node c) throws SieveRuntimeException {
    Text variable = (Text) c.positional().get(0);
    List<String> given = expandAll(c.list(1));
    Set<String> flags =
        variable == null ? internalFlags : parseFlags(variables.get(variables.expand(variable)));
    switch (c.name()) {
      case "setflag" -> {
        flags.clear();
        addFlags(flags, given);
      }
      case "addflag" -> addFlags(flags, given);
      default -> {
        Set<String> remove = new LinkedHashSet<>();
        addFlags(remove, given);
        Set<String> lower = new HashSet<>();
        remove.forEach(r -> lower.add(r.toLowerCase(Locale.ROOT)));
        flags.removeIf(f -> lower.contains(f.toLowerCase(Locale.ROOT)));
      }
    }
    if (variable != null) {
      variables.set(variables.expand(variable), String.join(" ", flags));
    }
  }

  /** The flags held by a variable, or the internal variable for null (RFC 5232 §4). */
  private Set<String> flagsOf(String variable) {
    return variable == null ? internalFlags : parseFlags(variables.get(variable));
  }

  private static Set<String> parseFlags(String value) {
    Set<String> out = new LinkedHashSet<>();
    addFlags(out, List.of(value));
    return out;
  }

  // RFC 5232 §3: each string is a space-separated list of flags; flags are case-insensitive.
  // At most MAX_FLAGS are kept: no message carries more, and the bound keeps this linear.
  private static void addFlags(Set<String> into, List<String> strings) {
    Set<String> seen = new HashSet<>();
    for (String f : into) {
      seen.add(f.toLowerCase(Locale.ROOT));
    }
    for (String s : strings) {
      for (String flag : s.trim().split("\\s+")) {
        if (into.size() >= MAX_FLAGS) {
          return;
        }
        if (!flag.isEmpty() && seen.add(flag.toLowerCase(Locale.ROOT))) {
          into.add(flag);
        }
      }
    }
  }

  // RFC 5229 §4: modifiers apply from the highest precedence (40) to the lowest (10).
  private void set(Node c) throws SieveRuntimeException {
    String value = variables.expand(c.text(1));
    if (c.has("lower")) {
      value = value.toLowerCase(Locale.ROOT);
    } else if (c.has("upper")) {
      value = value.toUpperCase(Locale.ROOT);
    }
    if (c.has("lowerfirst") && !value.isEmpty()) {
      value = value.substring(0, 1).toLowerCase(Locale.ROOT) + value.substring(1);
    } else if (c.has("upperfirst") && !value.isEmpty()) {
      value = value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
    }
    if (c.has("quotewildcard")) {
      value = value.replaceAll("([*?\\\\])", "\\\\$1");
    } else if (c.has("quoteregex")) {
      value = value.replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\$1");
    }
    if (c.has("length")) {
      value = Integer.toString(value.codePointCount(0, value.length()));
    }
    variables.set(c.text(0).value(), value);
  }

  private void vacation(Node c) throws SieveRuntimeException {
    List<String> addresses = c.has("addresses") ? expandAll(c.tagList("addresses")) : List.of();
    if (!VacationRules.mayReply(message, environment, addresses)) {
      return;
    }
    String reason = variables.expand(c.text(0));
    String subject =
        c.has("subject") ? variables.expand(c.tagText("subject")) : VacationRules.subject(message);
    String from = c.has("from") ? variables.expand(c.tagText("from")) : null;
    if (from != null && !Addresses.isMailbox(stripAngles(from))) {
      from = null;
    }
    boolean mime = c.has("mime");
    String handle =
        c.has("handle")
            ? variables.expand(c.tagText("handle"))
            : VacationRules.handle(reason, subject, from, mime);
    Long days = c.has("days") ? c.tagNumber("days") : null;
    actions.vacation(
        new Vacation(
            message.envelope().from(),
            subject,
            reason,
            mime,
            from,
            VacationRules.period(days),
            handle));
  }

  private static String stripAngles(String address) {
    String a = address.strip();
    int open = a.lastIndexOf('<');
    int close = a.lastIndexOf('>');
    return open >= 0 && close > open ? a.substring(open + 1, close) : a;
  }

  private List<String> expandAll(List<Text> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (Text t : texts) {
      out.add(variables.expand(t));
    }
    return out;
  }
}
