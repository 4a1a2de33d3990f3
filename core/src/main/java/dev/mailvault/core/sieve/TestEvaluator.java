package dev.mailvault.core.sieve;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Evaluates the tests of RFC 5228 §5 and of the extensions on one message. */
final class TestEvaluator {

  private final SieveMessage message;
  private final SieveEnvironment environment;
  private final VariableStore variables;
  private final Function<String, Set<String>> flags;
  private final WorkBudget budget = new WorkBudget();

  TestEvaluator(
      SieveMessage message,
      SieveEnvironment environment,
      VariableStore variables,
      Function<String, Set<String>> flags) {
    this.message = message;
    this.environment = environment;
    this.variables = variables;
    this.flags = flags;
  }

  boolean test(Node t) throws SieveRuntimeException {
    return switch (t.name()) {
      case "true" -> true;
      case "false" -> false;
      case "not" -> !test(t.tests().get(0));
      case "allof" -> allOf(t.tests());
      case "anyof" -> anyOf(t.tests());
      case "size" -> t.has("over") ? message.size() > t.number(0) : message.size() < t.number(0);
      case "exists" -> exists(t);
      case "header" -> compare(t, headerValues(t, t.list(0)));
      case "address" -> compare(t, addressValues(t));
      case "envelope" -> compare(t, envelopeValues(t));
      case "body" -> compare(t, bodyValues(t));
      case "string" -> compare(t, stringValues(t));
      case "hasflag" -> compare(t, flagValues(t));
      case "date" -> compare(t, dateValues(t));
      case "currentdate" -> compare(t, currentDateValues(t));
      case "mailboxexists" -> mailboxesExist(t);
      default -> throw new IllegalStateException("unknown test " + t.name());
    };
  }

  // RFC 5228 §5.2, §5.3: evaluated left to right, stopping at the first decisive test.
  private boolean allOf(List<Node> list) throws SieveRuntimeException {
    for (Node n : list) {
      if (!test(n)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyOf(List<Node> list) throws SieveRuntimeException {
    for (Node n : list) {
      if (test(n)) {
        return true;
      }
    }
    return false;
  }

  private boolean compare(Node t, List<String> values) throws SieveRuntimeException {
    if (values == null) {
      return false;
    }
    return Matching.test(t.match(), values, SieveValidator.keys(t), variables, budget);
  }

  private boolean exists(Node t) {
    for (Text name : t.list(0)) {
      if (message.headers(variables.expand(name)).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private List<String> headerValues(Node t, List<Text> names) {
    List<String> out = new ArrayList<>();
    for (Text name : names) {
      out.addAll(indexed(t, message.headers(variables.expand(name))));
    }
    return out;
  }

  /** RFC 5260 §6: :index counts fields from the top, or from the bottom with :last. */
  private static <T> List<T> indexed(Node t, List<T> fields) {
    if (!t.has("index")) {
      return fields;
    }
    long index = t.tagNumber("index");
    if (index > fields.size()) {
      return List.of();
    }
    int i = (int) (t.has("last") ? fields.size() - index : index - 1);
    return List.of(fields.get(i));
  }

  private List<String> addressValues(Node t) {
    String part = addressPart(t);
    List<String> out = new ArrayList<>();
    for (Text name : t.list(0)) {
      for (List<String> field : indexed(t, message.addresses(variables.expand(name)))) {
        for (String address : field) {
          String value = Addresses.part(address, part);
          if (value != null) {
            out.add(value);
          }
        }
      }
    }
    return out;
  }

  // RFC 5228 §5.4: the null reverse-path is the empty string, and so are its parts.
  private List<String> envelopeValues(Node t) {
    String part = addressPart(t);
    SieveEnvelope envelope = message.envelope();
    List<String> out = new ArrayList<>();
    for (Text name : t.list(0)) {
      String which = variables.expand(name).toLowerCase(Locale.ROOT);
      String address =
          which.equals("from") ? envelope.from() : which.equals("to") ? envelope.to() : null;
      if (address == null) {
        continue;
      }
      String value =
          address.isEmpty() ? (part.equals("detail") ? null : "") : Addresses.part(address, part);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private static String addressPart(Node t) {
    for (String p : List.of("localpart", "domain", "user", "detail")) {
      if (t.has(p)) {
        return p;
      }
    }
    return "all";
  }

  // RFC 5173 §5: :text (the default) searches the text parts; :content the named types.
  private List<String> bodyValues(Node t) {
    if (t.has("raw")) {
      return List.of(message.rawBody());
    }
    List<String> types =
        t.has("content")
            ? t.tagList("content").stream().map(variables::expand).toList()
            : List.of("text");
    List<String> out = new ArrayList<>();
    for (SieveMessage.BodyPart part :
        message.bodyParts(
            mediaType -> types.stream().anyMatch(type -> typeMatches(type, mediaType)))) {
      out.add(part.text());
    }
    return out;
  }

  // RFC 5173 §5.2: "" matches every type, "type" any subtype, "type/subtype" exactly.
  private static boolean typeMatches(String wanted, String mediaType) {
    String w = wanted.toLowerCase(Locale.ROOT).strip();
    if (w.isEmpty()) {
      return true;
    }
    return w.contains("/") ? w.equals(mediaType) : mediaType.startsWith(w + "/");
  }

  // RFC 5229 §5: with :count, empty strings are not counted.
  private List<String> stringValues(Node t) {
    List<String> out = new ArrayList<>();
    for (Text s : t.list(0)) {
      String v = variables.expand(s);
      if (!(v.isEmpty() && t.match().type().equals("count"))) {
        out.add(v);
      }
    }
    return out;
  }

  private List<String> flagValues(Node t) {
    List<String> out = new ArrayList<>();
    Object names = t.positional().get(0);
    if (names == null) {
      out.addAll(flags.apply(null));
    } else {
      for (Text name : t.list(0)) {
        out.addAll(flags.apply(variables.expand(name)));
      }
    }
    return out;
  }

  // RFC 5260 §4: the date of each named field, in the zone asked for.
  private List<String> dateValues(Node t) {
    String part = variables.expand(t.text(1));
    List<String> out = new ArrayList<>();
    for (String value : indexed(t, message.headers(variables.expand(t.text(0))))) {
      String v = value;
      // RFC 5260 §4.1: a Received field's date follows its last ';'.
      int semicolon = v.lastIndexOf(';');
      if (semicolon >= 0) {
        v = v.substring(semicolon + 1);
      }
      OffsetDateTime date = message.parseDate(v);
      if (date == null) {
        continue;
      }
      OffsetDateTime shown = inZone(t, date);
      if (shown == null) {
        return null;
      }
      String p = DateParts.part(shown, part);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private List<String> currentDateValues(Node t) {
    OffsetDateTime now = OffsetDateTime.now(environment.clock());
    OffsetDateTime shown = inZone(t, now);
    String p = shown == null ? null : DateParts.part(shown, variables.expand(t.text(0)));
    return p == null ? null : List.of(p);
  }

  private OffsetDateTime inZone(Node t, OffsetDateTime date) {
    if (t.has("originalzone")) {
      return date;
    }
    if (t.has("zone")) {
      String z = variables.expand(t.tagText("zone"));
      if (!z.matches("[+-]([01][0-9]|2[0-3])[0-5][0-9]")) {
        return null;
      }
      int minutes = Integer.parseInt(z.substring(1, 3)) * 60 + Integer.parseInt(z.substring(3));
      return date.withOffsetSameInstant(
          ZoneOffset.ofTotalSeconds((z.charAt(0) == '-' ? -60 : 60) * minutes));
    }
    return date.atZoneSameInstant(environment.zone()).toOffsetDateTime();
  }

  private boolean mailboxesExist(Node t) {
    for (Text name : t.list(0)) {
      if (!environment.mailboxExists(variables.expand(name))) {
        return false;
      }
    }
    return true;
  }
}
