package dev.mailvault.sieve.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests to typed commands and responses to bytes (RFC 5804 §4), without I/O. */
class CommandParserTest {

  private static SieveCommand parse(String request) throws ParseException {
    return CommandParser.parse(request.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void commandsAreCaseInsensitiveAndTakeQuotedStringsLiteralsAndNumbers() throws Exception {
    assertThat(parse("putScript \"a \\\"b\\\" \\\\\" {6+}\r\nkeep;\n"))
        .isEqualTo(new SieveCommand.PutScript("a \"b\" \\", "keep;\n"));
    assertThat(parse("HAVESPACE \"x\" 4294967295"))
        .isEqualTo(new SieveCommand.HaveSpace("x", 4294967295L));
    assertThat(parse("RENAMESCRIPT \"old\" \"nëw\""))
        .isEqualTo(new SieveCommand.RenameScript("old", "nëw"));
    assertThat(parse("SETACTIVE \"\"")).isEqualTo(new SieveCommand.SetActive(""));
    assertThat(parse("NOOP")).isEqualTo(new SieveCommand.Noop(null));
    assertThat(parse("NOOP \"tag\"")).isEqualTo(new SieveCommand.Noop("tag"));
    assertThat(parse("LISTSCRIPTS")).isEqualTo(new SieveCommand.ListScripts());
    SieveCommand.Authenticate auth =
        (SieveCommand.Authenticate) parse("AUTHENTICATE \"PLAIN\" \"AGEAYg==\"");
    assertThat(auth.mechanism()).isEqualTo("PLAIN");
    assertThat(new String(auth.initialResponse(), StandardCharsets.US_ASCII)).isEqualTo("AGEAYg==");
  }

  @Test
  void malformedRequestsAreRefusedWithAReason() {
    for (String bad :
        List.of(
            "",
            " NOOP",
            "NOOP  \"a\"",
            "PUTSCRIPT \"a\"",
            "PUTSCRIPT a keep",
            "GETSCRIPT \"unterminated",
            "GETSCRIPT \"bad \\n escape\"",
            "HAVESPACE \"x\" 4294967296",
            "HAVESPACE \"x\" \"10\"",
            "CHECKSCRIPT {10+}\r\nshort",
            "CHECKSCRIPT {3+} abc",
            "LOGOUT now",
            "FROB")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ParseException.class);
    }
    byte[] invalidUtf8 = {'G', 'E', 'T', 'S', 'C', 'R', 'I', 'P', 'T', ' ', '"', (byte) 0xff, '"'};
    assertThatThrownBy(() -> CommandParser.parse(invalidUtf8))
        .hasMessage("A string is not valid UTF-8");
  }

  @Test
  void aSaslResponseIsOneString() throws Exception {
    assertThat(CommandParser.saslResponse("\"AGEAYg==\"".getBytes(StandardCharsets.US_ASCII)))
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo("AGEAYg==");
    assertThat(CommandParser.saslResponse("{2+}\r\n*=".getBytes(StandardCharsets.US_ASCII)))
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo("*=");
    assertThatThrownBy(
            () -> CommandParser.saslResponse("AGEAYg==".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void responsesQuoteWhatTheyCanAndSendTheRestAsLiterals() {
    assertThat(new String(Responses.no("NONEXISTENT", "No such script"), StandardCharsets.UTF_8))
        .isEqualTo("NO (NONEXISTENT) \"No such script\"\r\n");
    assertThat(new String(Responses.ok(null, "say \"hi\" \\"), StandardCharsets.UTF_8))
        .isEqualTo("OK \"say \\\"hi\\\" \\\\\"\r\n");
    assertThat(new String(Responses.listed("two\nlines", true), StandardCharsets.UTF_8))
        .isEqualTo("{9}\r\ntwo\nlines ACTIVE\r\n");
    assertThat(new String(Responses.script("keep;\r\n"), StandardCharsets.UTF_8))
        .isEqualTo("{7}\r\nkeep;\r\n\r\n");
    assertThat(
            new String(
                Responses.capabilities(List.of("SASL ", "STARTTLS", "VERSION 1.0")),
                StandardCharsets.UTF_8))
        .isEqualTo("\"SASL\" \"\"\r\n\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\n");
  }
}
