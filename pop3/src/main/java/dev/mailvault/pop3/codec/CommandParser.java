package dev.mailvault.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parses one command line (without its line end) into a {@link Pop3Command}. RFC 1939 §3: a
 * case-insensitive keyword of three or four characters, arguments separated by one space. Arguments
 * are UTF-8 (RFC 6856 §3 allows it after {@code UTF8}; ASCII is a subset); a line that is not valid
 * UTF-8 or holds control characters is refused.
 */
public final class CommandParser {

  private CommandParser() {}

  public static Pop3Command parse(byte[] line) throws ParseException {
    int space = indexOf(line, (byte) ' ');
    String keyword = ascii(line, 0, space < 0 ? line.length : space).toUpperCase(Locale.ROOT);
    int argsAt = space < 0 ? line.length : space + 1;
    switch (keyword) {
      case "PASS":
        // RFC 1939 §7: the password may contain spaces; it is the rest of the line.
        if (space < 0 || argsAt == line.length) {
          throw ParseException.syntax("PASS needs a password");
        }
        return new Pop3Command.Pass(chars(line, argsAt));
      case "AUTH":
        return auth(text(line, argsAt));
      default:
        break;
    }
    String[] args = arguments(text(line, argsAt), space >= 0);
    return switch (keyword) {
      case "USER" -> new Pop3Command.User(one(args, "USER needs a name"));
      case "APOP" -> new Pop3Command.Apop();
      case "STLS" -> none(args, new Pop3Command.Stls());
      case "CAPA" -> none(args, new Pop3Command.Capa());
      case "UTF8" -> none(args, new Pop3Command.Utf8());
      case "STAT" -> none(args, new Pop3Command.Stat());
      case "NOOP" -> none(args, new Pop3Command.Noop());
      case "RSET" -> none(args, new Pop3Command.Rset());
      case "QUIT" -> none(args, new Pop3Command.Quit());
      case "LIST" -> new Pop3Command.List(optionalMessage(args));
      case "UIDL" -> new Pop3Command.Uidl(optionalMessage(args));
      case "RETR" -> new Pop3Command.Retr(message(one(args, "RETR needs a message number")));
      case "DELE" -> new Pop3Command.Dele(message(one(args, "DELE needs a message number")));
      case "TOP" -> top(args);
      default -> throw ParseException.unknown();
    };
  }

  private static Pop3Command auth(String args) throws ParseException {
    String[] parts = arguments(args, !args.isEmpty());
    if (parts.length == 0) {
      // RFC 5034 §4 leaves a bare AUTH to the server; we answer with the CAPA SASL list instead.
      throw ParseException.syntax("AUTH needs a mechanism; see CAPA");
    }
    if (parts.length > 2) {
      throw ParseException.syntax("AUTH takes a mechanism and an initial response");
    }
    return new Pop3Command.Auth(parts[0], parts.length == 2 ? parts[1] : null);
  }

  private static Pop3Command top(String[] args) throws ParseException {
    if (args.length != 2) {
      throw ParseException.syntax("TOP needs a message number and a line count");
    }
    return new Pop3Command.Top(message(args[0]), number(args[1], 0));
  }

  private static int optionalMessage(String[] args) throws ParseException {
    if (args.length == 0) {
      return 0;
    }
    return message(one(args, "one message number at most"));
  }

  private static int message(String arg) throws ParseException {
    return number(arg, 1);
  }

  /** Decimal digits only (no sign), at least {@code least}, within an int. */
  private static int number(String arg, int least) throws ParseException {
    if (arg.isEmpty() || arg.length() > 10) {
      throw ParseException.syntax("Invalid number");
    }
    long value = 0;
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c < '0' || c > '9') {
        throw ParseException.syntax("Invalid number");
      }
      value = value * 10 + (c - '0');
    }
    if (value < least || value > Integer.MAX_VALUE) {
      throw ParseException.syntax("Invalid number");
    }
    return (int) value;
  }

  private static String one(String[] args, String problem) throws ParseException {
    if (args.length != 1) {
      throw ParseException.syntax(problem);
    }
    return args[0];
  }

  private static Pop3Command none(String[] args, Pop3Command command) throws ParseException {
    if (args.length != 0) {
      throw ParseException.syntax("No arguments expected");
    }
    return command;
  }

  /** RFC 1939 §3: arguments separated by a single space; empty ones are a syntax error. */
  private static String[] arguments(String args, boolean hadSpace) throws ParseException {
    if (!hadSpace) {
      return new String[0];
    }
    String[] parts = args.split(" ", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw ParseException.syntax("Invalid arguments");
      }
    }
    return parts;
  }

  private static String ascii(byte[] line, int from, int to) throws ParseException {
    if (to - from < 3 || to - from > 4) {
      throw ParseException.unknown();
    }
    StringBuilder keyword = new StringBuilder(4);
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9')) {
        throw ParseException.unknown();
      }
      keyword.append((char) b);
    }
    return keyword.toString();
  }

  private static String text(byte[] line, int from) throws ParseException {
    char[] chars = chars(line, from);
    try {
      return new String(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** Strict UTF-8 without control characters; the decoder's buffer is zeroed. */
  private static char[] chars(byte[] line, int from) throws ParseException {
    CharBuffer decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line, from, line.length - from));
    } catch (CharacterCodingException e) {
      throw ParseException.syntax("Invalid UTF-8");
    }
    char[] out = new char[decoded.remaining()];
    decoded.get(out);
    Arrays.fill(decoded.array(), '\0');
    for (char c : out) {
      if (c < 0x20 || c == 0x7f) {
        Arrays.fill(out, '\0');
        throw ParseException.syntax("Control characters are not allowed");
      }
    }
    return out;
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
