package dev.mailvault.core.sieve;

import dev.mailvault.core.sieve.Syntax.Argument;
import dev.mailvault.core.sieve.Syntax.Invocation;
import dev.mailvault.core.sieve.Syntax.NumberArgument;
import dev.mailvault.core.sieve.Syntax.StringArgument;
import dev.mailvault.core.sieve.Syntax.TagArgument;
import dev.mailvault.core.sieve.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the parse tree of RFC 5228 §8.2 from tokens, by recursive descent bounded by {@link
 * #MAX_NESTING} so that a hostile script cannot exhaust the stack.
 */
final class SieveParser {

  /** Blocks and tests nested deeper than this are refused (Pigeonhole allows 32 as well). */
  static final int MAX_NESTING = 32;

  /** Items in one string list or test list. */
  static final int MAX_LIST = 1024;

  private final List<Token> tokens;
  private int pos;
  private int depth;

  private SieveParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<Invocation> parse(List<Token> tokens) throws SieveSyntaxException {
    SieveParser parser = new SieveParser(tokens);
    List<Invocation> commands = parser.commands();
    Token end = parser.peek();
    if (!end.is(Kind.END)) {
      throw new SieveSyntaxException(end.line(), "unexpected " + describe(end));
    }
    return commands;
  }

  private List<Invocation> commands() throws SieveSyntaxException {
    List<Invocation> out = new ArrayList<>();
    while (peek().is(Kind.IDENTIFIER)) {
      out.add(command());
    }
    return out;
  }

  // command = identifier arguments (";" / block)
  private Invocation command() throws SieveSyntaxException {
    Token name = take();
    List<Argument> arguments = arguments();
    List<Invocation> tests = testsAfterArguments();
    Token t = take();
    if (t.is(Kind.SEMICOLON)) {
      return new Invocation(lower(name), arguments, tests, null, name.line());
    }
    if (!t.is(Kind.LEFT_BRACE)) {
      throw new SieveSyntaxException(
          t.line(), "expected ';' or '{' after " + lower(name) + ", found " + describe(t));
    }
    enter(t);
    List<Invocation> block = commands();
    Token close = take();
    if (!close.is(Kind.RIGHT_BRACE)) {
      throw new SieveSyntaxException(close.line(), "expected '}', found " + describe(close));
    }
    depth--;
    return new Invocation(lower(name), arguments, tests, block, name.line());
  }

  private List<Argument> arguments() throws SieveSyntaxException {
    List<Argument> out = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.is(Kind.TAG)) {
        pos++;
        out.add(new TagArgument(t.text().toLowerCase(Locale.ROOT), t.line()));
      } else if (t.is(Kind.NUMBER)) {
        pos++;
        out.add(new NumberArgument(t.number(), t.line()));
      } else if (t.is(Kind.STRING)) {
        pos++;
        out.add(new StringArgument(List.of(t.text()), false, t.line()));
      } else if (t.is(Kind.LEFT_BRACKET)) {
        out.add(stringList());
      } else {
        return out;
      }
    }
  }

  // string-list = "[" string *("," string) "]"
  private StringArgument stringList() throws SieveSyntaxException {
    Token open = take();
    List<String> values = new ArrayList<>();
    while (true) {
      Token s = take();
      if (!s.is(Kind.STRING)) {
        throw new SieveSyntaxException(
            s.line(), "expected a string in a list, found " + describe(s));
      }
      if (values.size() >= MAX_LIST) {
        throw new SieveSyntaxException(s.line(), "string list longer than " + MAX_LIST);
      }
      values.add(s.text());
      Token sep = take();
      if (sep.is(Kind.RIGHT_BRACKET)) {
        return new StringArgument(values, true, open.line());
      }
      if (!sep.is(Kind.COMMA)) {
        throw new SieveSyntaxException(sep.line(), "expected ',' or ']', found " + describe(sep));
      }
    }
  }

  // arguments = *argument [ test / test-list ]
  private List<Invocation> testsAfterArguments() throws SieveSyntaxException {
    Token t = peek();
    if (t.is(Kind.IDENTIFIER)) {
      return List.of(test());
    }
    if (t.is(Kind.LEFT_PAREN)) {
      return testList();
    }
    return List.of();
  }

  private Invocation test() throws SieveSyntaxException {
    Token name = take();
    if (!name.is(Kind.IDENTIFIER)) {
      throw new SieveSyntaxException(name.line(), "expected a test, found " + describe(name));
    }
    enter(name);
    List<Argument> arguments = arguments();
    List<Invocation> tests = testsAfterArguments();
    depth--;
    return new Invocation(lower(name), arguments, tests, null, name.line());
  }

  // test-list = "(" test *("," test) ")"
  private List<Invocation> testList() throws SieveSyntaxException {
    Token open = take();
    enter(open);
    List<Invocation> out = new ArrayList<>();
    while (true) {
      if (out.size() >= MAX_LIST) {
        throw new SieveSyntaxException(open.line(), "test list longer than " + MAX_LIST);
      }
      out.add(test());
      Token sep = take();
      if (sep.is(Kind.RIGHT_PAREN)) {
        depth--;
        return out;
      }
      if (!sep.is(Kind.COMMA)) {
        throw new SieveSyntaxException(sep.line(), "expected ',' or ')', found " + describe(sep));
      }
    }
  }

  private void enter(Token at) throws SieveSyntaxException {
    if (++depth > MAX_NESTING) {
      throw new SieveSyntaxException(at.line(), "nested deeper than " + MAX_NESTING);
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token take() {
    Token t = tokens.get(pos);
    if (!t.is(Kind.END)) {
      pos++;
    }
    return t;
  }

  private static String lower(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case IDENTIFIER -> "'" + t.text() + "'";
      case TAG -> "':" + t.text() + "'";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case LEFT_BRACKET -> "'['";
      case RIGHT_BRACKET -> "']'";
      case COMMA -> "','";
      case LEFT_PAREN -> "'('";
      case RIGHT_PAREN -> "')'";
      case LEFT_BRACE -> "'{'";
      case RIGHT_BRACE -> "'}'";
      case SEMICOLON -> "';'";
      case END -> "end of script";
    };
  }
}
