package dev.mailvault.core.sieve;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mailvault.core.sieve.Grammar.Kind;
import dev.mailvault.core.sieve.Grammar.Shape;
import dev.mailvault.core.sieve.Grammar.Spec;
import dev.mailvault.core.sieve.Syntax.Argument;
import dev.mailvault.core.sieve.Syntax.Invocation;
import dev.mailvault.core.sieve.Syntax.NumberArgument;
import dev.mailvault.core.sieve.Syntax.StringArgument;
import dev.mailvault.core.sieve.Syntax.TagArgument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parse tree against the {@link Grammar} and turns it into {@link Node}s: extensions used
 * only when required (RFC 5228 §3.2), {@code require} first, known commands and tests, tags and
 * arguments of the right kind (§2.6), {@code elsif}/{@code else} only after {@code if} (§3.1), and
 * the values the RFCs constrain (comparators §2.7.3, relations RFC 5231 §4, date parts RFC 5260
 * §4.2, variable names RFC 5229 §3, regular expressions).
 */
final class SieveValidator {

  private final Set<String> required = new LinkedHashSet<>();
  private boolean variables;
  private boolean encodedCharacter;

  private SieveValidator() {}

  /** The checked commands and the extensions the script requires. */
  record Result(List<Node> commands, Set<String> required) {}

  static Result validate(List<Invocation> script) throws SieveSyntaxException {
    SieveValidator v = new SieveValidator();
    int i = 0;
    for (; i < script.size() && script.get(i).name().equals("require"); i++) {
      v.require(script.get(i));
    }
    v.variables = v.required.contains("variables");
    v.encodedCharacter = v.required.contains("encoded-character");
    List<Node> commands = v.commands(script.subList(i, script.size()));
    return new Result(commands, Set.copyOf(v.required));
  }

  private void require(Invocation command) throws SieveSyntaxException {
    if (command.arguments().size() != 1
        || !(command.arguments().get(0) instanceof StringArgument names)
        || !command.tests().isEmpty()
        || command.block() != null) {
      throw new SieveSyntaxException(command.line(), "require takes one string list");
    }
    for (String name : names.values()) {
      String ext = name.toLowerCase(Locale.ROOT);
      if (!Grammar.EXTENSIONS.contains(ext)) {
        throw new SieveSyntaxException(command.line(), "unsupported extension " + quote(name));
      }
      required.add(ext);
    }
  }

  private List<Node> commands(List<Invocation> invocations) throws SieveSyntaxException {
    List<Node> out = new ArrayList<>(invocations.size());
    String previous = null;
    for (Invocation inv : invocations) {
      if (inv.name().equals("require")) {
        throw new SieveSyntaxException(inv.line(), "require must come before other commands");
      }
      if ((inv.name().equals("elsif") || inv.name().equals("else"))
          && !("if".equals(previous) || "elsif".equals(previous))) {
        throw new SieveSyntaxException(inv.line(), inv.name() + " without if");
      }
      Spec spec = Grammar.spec(inv.name());
      if (spec == null || spec.test()) {
        throw new SieveSyntaxException(inv.line(), "unknown command " + quote(inv.name()));
      }
      out.add(node(inv, spec));
      previous = inv.name();
    }
    return out;
  }

  private Node test(Invocation inv) throws SieveSyntaxException {
    Spec spec = Grammar.spec(inv.name());
    if (spec == null || !spec.test()) {
      throw new SieveSyntaxException(inv.line(), "unknown test " + quote(inv.name()));
    }
    return node(inv, spec);
  }

  private Node node(Invocation inv, Spec spec) throws SieveSyntaxException {
    int line = inv.line();
    if (spec.extension() != null && !required.contains(spec.extension())) {
      throw new SieveSyntaxException(
          line, inv.name() + " needs require \"" + spec.extension() + "\"");
    }
    Map<String, Object> tags = new LinkedHashMap<>();
    Map<String, String> groups = new HashMap<>();
    List<Argument> positional = new ArrayList<>();
    List<Argument> args = inv.arguments();
    for (int i = 0; i < args.size(); i++) {
      Argument a = args.get(i);
      if (!(a instanceof TagArgument tag)) {
        positional.add(a);
        continue;
      }
      if (!positional.isEmpty()) {
        throw new SieveSyntaxException(
            a.line(), "tag :" + tag.name() + " after positional arguments of " + inv.name());
      }
      Grammar.Tag t = spec.tag(tag.name());
      if (t == null) {
        throw new SieveSyntaxException(a.line(), inv.name() + " has no tag :" + tag.name());
      }
      if (t.extension() != null && !required.contains(t.extension())) {
        throw new SieveSyntaxException(
            a.line(), ":" + t.name() + " needs require \"" + t.extension() + "\"");
      }
      if (tags.containsKey(t.name())) {
        throw new SieveSyntaxException(a.line(), ":" + t.name() + " given twice");
      }
      if (t.group() != null) {
        String other = groups.putIfAbsent(t.group(), t.name());
        if (other != null) {
          throw new SieveSyntaxException(
              a.line(), ":" + t.name() + " cannot be used with :" + other);
        }
      }
      Object value = Boolean.TRUE;
      if (t.argument() != Kind.NONE) {
        if (i + 1 >= args.size()) {
          throw new SieveSyntaxException(a.line(), ":" + t.name() + " needs an argument");
        }
        value = value(args.get(++i), t.argument(), ":" + t.name());
      }
      tags.put(t.name(), value);
    }
    List<Object> values = positionals(inv, spec, positional);
    List<Node> tests = tests(inv, spec);
    List<Node> block = List.of();
    boolean wantsBlock = spec.shape() == Shape.TEST_AND_BLOCK || spec.shape() == Shape.BLOCK;
    if (wantsBlock != (inv.block() != null)) {
      throw new SieveSyntaxException(
          line, wantsBlock ? inv.name() + " needs a block" : inv.name() + " takes no block");
    }
    if (wantsBlock) {
      block = commands(inv.block());
    }
    Node node = new Node(inv.name(), tags, values, null, tests, block, line);
    SemanticChecks.check(node, required);
    if (spec.tag("comparator") != null) {
      node = new Node(inv.name(), tags, values, match(node), tests, block, line);
    }
    return node;
  }

  private List<Object> positionals(Invocation inv, Spec spec, List<Argument> given)
      throws SieveSyntaxException {
    List<Kind> kinds = spec.positional();
    if (spec.optionalFirst() && given.size() == kinds.size() - 1) {
      kinds = kinds.subList(1, kinds.size());
    }
    if (given.size() != kinds.size()) {
      throw new SieveSyntaxException(
          inv.line(),
          inv.name() + " takes " + kinds.size() + " positional arguments, got " + given.size());
    }
    List<Object> out = new ArrayList<>();
    if (kinds.size() < spec.positional().size()) {
      out.add(null);
    }
    for (int i = 0; i < kinds.size(); i++) {
      out.add(value(given.get(i), kinds.get(i), inv.name()));
    }
    return out;
  }

  private Object value(Argument a, Kind kind, String what) throws SieveSyntaxException {
    switch (kind) {
      case NUMBER:
        if (a instanceof NumberArgument n) {
          return n.value();
        }
        throw new SieveSyntaxException(a.line(), what + " needs a number");
      case STRING:
        if (a instanceof StringArgument s && !s.bracketed()) {
          return text(s.values().get(0));
        }
        throw new SieveSyntaxException(a.line(), what + " needs a string");
      case STRING_LIST:
        if (a instanceof StringArgument s) {
          List<Text> out = new ArrayList<>(s.values().size());
          for (String v : s.values()) {
            out.add(text(v));
          }
          return List.copyOf(out);
        }
        throw new SieveSyntaxException(a.line(), what + " needs a string list");
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  private Text text(String raw) {
    String value = encodedCharacter ? EncodedCharacters.decode(raw) : raw;
    return Text.of(value, variables);
  }

  private List<Node> tests(Invocation inv, Spec spec) throws SieveSyntaxException {
    List<Invocation> given = inv.tests();
    int line = inv.line();
    switch (spec.shape()) {
      case TEST_AND_BLOCK:
      case ONE_TEST:
        if (given.size() != 1) {
          throw new SieveSyntaxException(line, inv.name() + " needs one test");
        }
        return List.of(test(given.get(0)));
      case TEST_LIST:
        if (given.isEmpty()) {
          throw new SieveSyntaxException(line, inv.name() + " needs a test list");
        }
        List<Node> out = new ArrayList<>();
        for (Invocation t : given) {
          out.add(test(t));
        }
        return out;
      default:
        if (!given.isEmpty()) {
          // "keep\ndiscard;" parses as keep with a test: the usual cause is a missing ';'.
          throw new SieveSyntaxException(
              given.get(0).line(), inv.name() + " takes no test (missing ';'?)");
        }
        return List.of();
    }
  }

  private MatchSpec match(Node node) throws SieveSyntaxException {
    String comparator = "i;ascii-casemap";
    if (node.has("comparator")) {
      comparator = node.tagText("comparator").value().toLowerCase(Locale.ROOT);
      if (!MatchSpec.COMPARATORS.contains(comparator)) {
        throw new SieveSyntaxException(node.line(), "unknown comparator " + quote(comparator));
      }
      if (comparator.equals("i;ascii-numeric")
          && !required.contains("comparator-i;ascii-numeric")) {
        throw new SieveSyntaxException(
            node.line(), "i;ascii-numeric needs require \"comparator-i;ascii-numeric\"");
      }
    }
    String type = "is";
    for (String t : List.of("is", "contains", "matches", "value", "count", "regex")) {
      if (node.has(t)) {
        type = t;
      }
    }
    String relation = null;
    if (type.equals("value") || type.equals("count")) {
      relation = node.tagText(type).value().toLowerCase(Locale.ROOT);
      if (!MatchSpec.RELATIONS.contains(relation)) {
        throw new SieveSyntaxException(node.line(), "unknown relation " + quote(relation));
      }
    }
    List<Pattern> patterns = null;
    if (type.equals("regex")) {
      patterns = new ArrayList<>();
      for (Text key : keys(node)) {
        patterns.add(key.expands() ? null : compileRegex(key.value(), comparator, node.line()));
      }
    }
    return new MatchSpec(comparator, type, relation, patterns);
  }

  /** The key list of a comparing test: always its last positional argument. */
  static List<Text> keys(Node node) {
    return node.list(node.positional().size() - 1);
  }

  static Pattern compileRegex(String regex, String comparator, int line)
      throws SieveSyntaxException {
    try {
      return Regexes.compile(regex, comparator);
    } catch (PatternSyntaxException e) {
      throw new SieveSyntaxException(line, "invalid regular expression");
    }
  }

  private static String quote(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "\"" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }
}
