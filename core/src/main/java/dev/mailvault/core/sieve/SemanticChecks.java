package dev.mailvault.core.sieve;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks on argument values that the grammar table cannot express. */
final class SemanticChecks {

  /** RFC 5260 §4.2. */
  static final Set<String> DATE_PARTS =
      Set.of(
          "year", "month", "day", "date", "julian", "hour", "minute", "second", "time", "iso8601",
          "std11", "zone", "weekday");

  private SemanticChecks() {}

  static void check(Node node, Set<String> required) throws SieveSyntaxException {
    int line = node.line();
    if (node.has("last") && !node.has("index")) {
      throw new SieveSyntaxException(line, ":last needs :index");
    }
    if (node.has("index") && node.tagNumber("index") < 1) {
      throw new SieveSyntaxException(line, ":index must be 1 or more");
    }
    if (node.has("zone") && !node.tagText("zone").expands()) {
      zone(node.tagText("zone").value(), line);
    }
    switch (node.name()) {
      case "size" -> {
        if (!node.has("over") && !node.has("under")) {
          throw new SieveSyntaxException(line, "size needs :over or :under");
        }
      }
      case "header", "address", "exists" -> headerNames(node.list(0), line);
      case "date" -> {
        headerNames(List.of(node.text(0)), line);
        datePart(node.text(1), line);
      }
      case "currentdate" -> datePart(node.text(0), line);
      case "envelope" -> {
        for (Text part : node.list(0)) {
          String p = part.value().toLowerCase(Locale.ROOT);
          if (!part.expands() && !p.equals("from") && !p.equals("to")) {
            throw new SieveSyntaxException(line, "unknown envelope part");
          }
        }
      }
      case "set" -> {
        Text name = node.text(0);
        if (!Variables.isIdentifier(name.value())) {
          throw new SieveSyntaxException(line, "invalid variable name");
        }
      }
      case "setflag", "addflag", "removeflag" -> variableName(node, line);
      case "hasflag" -> {
        if (node.positional().get(0) != null) {
          for (Text name : node.list(0)) {
            if (!Variables.isIdentifier(name.value())) {
              throw new SieveSyntaxException(line, "invalid variable name");
            }
          }
        }
      }
      case "redirect" -> {
        Text address = node.text(0);
        if (!address.expands() && !Addresses.isMailbox(address.value())) {
          throw new SieveSyntaxException(line, "redirect needs a valid address");
        }
      }
      default -> {}
    }
  }

  private static void variableName(Node node, int line) throws SieveSyntaxException {
    Object name = node.positional().get(0);
    if (name != null && !Variables.isIdentifier(((Text) name).value())) {
      throw new SieveSyntaxException(line, "invalid variable name");
    }
  }

  // RFC 5228 §2.4.2.2: field-name = 1*ftext, ftext = %d33-57 / %d59-126
  private static void headerNames(List<Text> names, int line) throws SieveSyntaxException {
    for (Text name : names) {
      if (name.expands()) {
        continue;
      }
      String n = name.value();
      boolean ok = !n.isEmpty();
      for (int i = 0; i < n.length() && ok; i++) {
        char c = n.charAt(i);
        ok = c >= 33 && c <= 126 && c != ':';
      }
      if (!ok) {
        throw new SieveSyntaxException(line, "invalid header name");
      }
    }
  }

  private static void datePart(Text part, int line) throws SieveSyntaxException {
    if (!part.expands() && !DATE_PARTS.contains(part.value().toLowerCase(Locale.ROOT))) {
      throw new SieveSyntaxException(line, "unknown date part");
    }
  }

  /** RFC 5260 §4.1.1: {@code +hhmm} or {@code -hhmm}. */
  static void zone(String zone, int line) throws SieveSyntaxException {
    if (!zone.matches("[+-]([01][0-9]|2[0-3])[0-5][0-9]")) {
      throw new SieveSyntaxException(line, "zone must be +hhmm or -hhmm");
    }
  }
}
