package dev.mailvault.sieve.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses one framed request ({@link FramedInput.Request}) into a {@link SieveCommand} (RFC 5804
 * §4): a case-insensitive command name, then arguments separated by single spaces, each a quoted
 * string, a literal ({@code {n+}} CRLF n octets) or a number. Strings are UTF-8 (RFC 5804 §4 {@code
 * string}); a quoted string holds no CR, LF or NUL and at most 1024 octets.
 */
public final class CommandParser {

  /** RFC 5804 §4: quoted strings are for short values; longer ones come as literals. */
  static final int MAX_QUOTED = 1024;

  private final byte[] in;
  private int at;

  private CommandParser(byte[] request) {
    this.in = request;
  }

  /** One argument as read: its octets and whether it was a string (quoted or literal). */
  private record Token(byte[] bytes, boolean string) {}

  public static SieveCommand parse(byte[] request) throws ParseException {
    return new CommandParser(request).command();
  }

  /**
   * The client's answer to a SASL challenge (RFC 5804 §2.1): one string, base64 or {@code "*"} to
   * cancel. The caller zeroes the result.
   */
  public static byte[] saslResponse(byte[] request) throws ParseException {
    CommandParser parser = new CommandParser(request);
    Token token = parser.token();
    if (!token.string() || parser.at != request.length) {
      throw new ParseException("Expected one string as the SASL response");
    }
    return token.bytes();
  }

  private SieveCommand command() throws ParseException {
    String name = atom().toUpperCase(Locale.ROOT);
    List<Token> args = new ArrayList<>();
    while (at < in.length) {
      if (in[at] != ' ') {
        throw new ParseException("Expected a space between arguments");
      }
      at++;
      args.add(token());
    }
    return switch (name) {
      case "AUTHENTICATE" -> authenticate(args);
      case "STARTTLS" -> none(args, new SieveCommand.StartTls());
      case "LOGOUT" -> none(args, new SieveCommand.Logout());
      case "CAPABILITY" -> none(args, new SieveCommand.Capability());
      case "HAVESPACE" -> {
        count(args, 2, name);
        yield new SieveCommand.HaveSpace(text(args.get(0)), number(args.get(1)));
      }
      case "PUTSCRIPT" -> {
        count(args, 2, name);
        yield new SieveCommand.PutScript(text(args.get(0)), text(args.get(1)));
      }
      case "LISTSCRIPTS" -> none(args, new SieveCommand.ListScripts());
      case "SETACTIVE" -> new SieveCommand.SetActive(one(args, name));
      case "GETSCRIPT" -> new SieveCommand.GetScript(one(args, name));
      case "DELETESCRIPT" -> new SieveCommand.DeleteScript(one(args, name));
      case "RENAMESCRIPT" -> {
        count(args, 2, name);
        yield new SieveCommand.RenameScript(text(args.get(0)), text(args.get(1)));
      }
      case "CHECKSCRIPT" -> new SieveCommand.CheckScript(one(args, name));
      case "NOOP" -> {
        if (args.size() > 1) {
          throw new ParseException("NOOP takes at most one argument");
        }
        yield new SieveCommand.Noop(args.isEmpty() ? null : text(args.get(0)));
      }
      case "UNAUTHENTICATE" -> none(args, new SieveCommand.Unauthenticate());
      default -> throw new ParseException("Unknown command");
    };
  }

  private static SieveCommand authenticate(List<Token> args) throws ParseException {
    if (args.isEmpty() || args.size() > 2) {
      throw new ParseException("AUTHENTICATE takes a mechanism and an optional initial response");
    }
    byte[] initial = null;
    if (args.size() == 2) {
      if (!args.get(1).string()) {
        throw new ParseException("The initial response must be a string");
      }
      initial = args.get(1).bytes();
    }
    return new SieveCommand.Authenticate(text(args.get(0)), initial);
  }

  private static SieveCommand none(List<Token> args, SieveCommand command) throws ParseException {
    if (!args.isEmpty()) {
      throw new ParseException("This command takes no arguments");
    }
    return command;
  }

  private static String one(List<Token> args, String name) throws ParseException {
    count(args, 1, name);
    return text(args.get(0));
  }

  private static void count(List<Token> args, int expected, String name) throws ParseException {
    if (args.size() != expected) {
      throw new ParseException(
          name + " takes " + expected + " argument" + (expected == 1 ? "" : "s"));
    }
  }

  private static String text(Token token) throws ParseException {
    if (!token.string()) {
      throw new ParseException("Expected a string");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(token.bytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ParseException("A string is not valid UTF-8");
    }
  }

  private static long number(Token token) throws ParseException {
    byte[] digits = token.bytes();
    if (token.string() || digits.length == 0 || digits.length > 10) {
      throw new ParseException("Expected a number");
    }
    long value = 0;
    for (byte d : digits) {
      if (d < '0' || d > '9') {
        throw new ParseException("Expected a number");
      }
      value = value * 10 + (d - '0');
    }
    // RFC 5804 §4: number is 0..4294967295.
    if (value > 4294967295L) {
      throw new ParseException("Number out of range");
    }
    return value;
  }

  private String atom() throws ParseException {
    int start = at;
    while (at < in.length && isAtomChar(in[at])) {
      at++;
    }
    if (at == start) {
      throw new ParseException("Expected a command name");
    }
    return new String(in, start, at - start, StandardCharsets.US_ASCII);
  }

  private static boolean isAtomChar(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }

  private Token token() throws ParseException {
    if (at >= in.length) {
      throw new ParseException("Expected an argument");
    }
    byte first = in[at];
    if (first == '"') {
      return new Token(quoted(), true);
    }
    if (first == '{') {
      return new Token(literal(), true);
    }
    int start = at;
    while (at < in.length && in[at] >= '0' && in[at] <= '9') {
      at++;
    }
    if (at == start) {
      throw new ParseException("Expected a string or a number");
    }
    return new Token(Arrays.copyOfRange(in, start, at), false);
  }

  /** RFC 5804 §4 quoted: {@code \"} and {@code \\} are the only escapes. */
  private byte[] quoted() throws ParseException {
    at++;
    byte[] out = new byte[Math.min(in.length - at, MAX_QUOTED)];
    int length = 0;
    while (true) {
      if (at >= in.length) {
        throw new ParseException("Unterminated quoted string");
      }
      byte b = in[at++];
      if (b == '"') {
        return Arrays.copyOf(out, length);
      }
      if (b == '\\') {
        if (at >= in.length || (in[at] != '"' && in[at] != '\\')) {
          throw new ParseException("Invalid escape in a quoted string");
        }
        b = in[at++];
      } else if (b == '\r' || b == '\n' || b == 0) {
        throw new ParseException("A quoted string holds a line end");
      }
      if (length == out.length) {
        throw new ParseException("Quoted string too long; send a literal");
      }
      out[length++] = b;
    }
  }

  /** {@code {n+}} or {@code {n}}, CRLF (as the framer kept it), then n octets. */
  private byte[] literal() throws ParseException {
    at++;
    int start = at;
    while (at < in.length && in[at] >= '0' && in[at] <= '9') {
      at++;
    }
    if (at == start || at - start > 10) {
      throw new ParseException("Invalid literal");
    }
    long size = Long.parseLong(new String(in, start, at - start, StandardCharsets.US_ASCII));
    if (at < in.length && in[at] == '+') {
      at++;
    }
    if (at >= in.length || in[at] != '}') {
      throw new ParseException("Invalid literal");
    }
    at++;
    if (at < in.length && in[at] == '\r') {
      at++;
    }
    if (at >= in.length || in[at] != '\n') {
      throw new ParseException("A literal's length must end its line");
    }
    at++;
    if (size > in.length - at) {
      throw new ParseException("Literal shorter than announced");
    }
    byte[] out = Arrays.copyOfRange(in, at, at + (int) size);
    at += (int) size;
    return out;
  }
}
