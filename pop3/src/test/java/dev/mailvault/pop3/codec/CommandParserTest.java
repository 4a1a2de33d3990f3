package dev.mailvault.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  private static Pop3Command parse(String line) throws ParseException {
    return CommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keywordsAreCaseInsensitive() throws Exception {
    assertThat(parse("stat")).isEqualTo(new Pop3Command.Stat());
    assertThat(parse("Top 3 10")).isEqualTo(new Pop3Command.Top(3, 10));
    assertThat(parse("list")).isEqualTo(new Pop3Command.List(0));
    assertThat(parse("uidl 7")).isEqualTo(new Pop3Command.Uidl(7));
  }

  @Test
  void passKeepsTheRestOfTheLineWithItsSpaces() throws Exception {
    assertThat(((Pop3Command.Pass) parse("PASS a b  c")).password())
        .containsExactly("a b  c".toCharArray());
    assertThat(parse("PASS x").toString()).doesNotContain("x]");
  }

  @Test
  void userNamesAreUtf8() throws Exception {
    assertThat(parse("USER jürgen@example.com"))
        .isEqualTo(new Pop3Command.User("jürgen@example.com"));
  }

  @Test
  void authWithAndWithoutInitialResponse() throws Exception {
    assertThat(parse("AUTH PLAIN")).isEqualTo(new Pop3Command.Auth("PLAIN", null));
    assertThat(parse("AUTH PLAIN AGFAYg==")).isEqualTo(new Pop3Command.Auth("PLAIN", "AGFAYg=="));
  }

  @Test
  void badNumbersAndArgumentsAreSyntaxErrors() {
    for (String line :
        new String[] {
          "RETR",
          "RETR 0",
          "RETR +1",
          "RETR 1 2",
          "RETR 99999999999",
          "TOP 1",
          "TOP 1 -1",
          "LIST  1",
          "STAT x",
          "USER",
          "USER a b",
          "PASS",
          "AUTH"
        }) {
      assertThatThrownBy(() -> parse(line))
          .as(line)
          .isInstanceOfSatisfying(
              ParseException.class, e -> assertThat(e.unknownCommand()).isFalse());
    }
  }

  @Test
  void unknownKeywordsAndControlCharacters() {
    assertThatThrownBy(() -> parse("XYZZY")).hasMessage("Unknown command");
    assertThatThrownBy(() -> parse("")).hasMessage("Unknown command");
    assertThatThrownBy(() -> parse("ST\0T")).hasMessage("Unknown command");
    assertThatThrownBy(() -> parse("USER a\u0001b"))
        .hasMessage("Control characters are not allowed");
    assertThatThrownBy(() -> CommandParser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xff}))
        .hasMessage("Invalid UTF-8");
  }
}
