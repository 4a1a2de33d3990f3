package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.imap.codec.ImapCommand.Append;
import dev.mailvault.imap.codec.ImapCommand.AppendMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** APPEND with CATENATE (RFC 4469 §5) mixed with plain messages (MULTIAPPEND, RFC 3502). */
class AppendParserTest {

  private final CommandParser parser = new CommandParser();

  private Append parse(String command) throws ParseException {
    return (Append) parser.parse(command.getBytes(UTF_8), NameEncoding.MODIFIED_UTF7);
  }

  @Test
  void catenateTakesTextLiteralsAndUrls() throws Exception {
    Append append =
        parse("a APPEND Drafts (\\Seen) CATENATE (URL \"/INBOX/;UID=1\" text {3+}\r\nabc url x)");
    assertThat(append.mailbox()).isEqualTo("Drafts");
    AppendMessage message = append.messages().get(0);
    assertThat(message.flags()).isEqualTo(Flags.of(SystemFlag.SEEN));
    assertThat(message.content()).isEmpty();
    assertThat(message.catenate()).hasSize(3);
    assertThat(message.catenate().get(0)).isEqualTo(new CatenatePart.Url("/INBOX/;UID=1"));
    assertThat(((CatenatePart.Text) message.catenate().get(1)).bytes())
        .isEqualTo("abc".getBytes(UTF_8));
    assertThat(message.catenate().get(2)).isEqualTo(new CatenatePart.Url("x"));
  }

  @Test
  void catenateAndPlainMessagesMixInOneMultiappend() throws Exception {
    Append append =
        parse(
            "a APPEND INBOX CATENATE (URL \"/INBOX/;UID=1\") (\\Answered) {2}\r\nhi"
                + " \" 7-Feb-1994 21:52:25 -0800\" CATENATE (TEXT {1}\r\nx)");
    List<AppendMessage> messages = append.messages();
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).catenate()).hasSize(1);
    assertThat(messages.get(1).catenate()).isEmpty();
    assertThat(messages.get(1).content()).isEqualTo("hi".getBytes(UTF_8));
    assertThat(messages.get(1).flags()).isEqualTo(Flags.of(SystemFlag.ANSWERED));
    assertThat(messages.get(2).internalDate()).isNotNull();
    assertThat(messages.get(2).catenate()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a APPEND INBOX CATENATE ()|Expected TEXT or URL",
        "a APPEND INBOX CATENATE|Command ends too early",
        "a APPEND INBOX CATENATE (TEXT \"quoted\")|needs a literal",
        "a APPEND INBOX CATENATE (TEXT ~{1}\\r\\nx)|needs a literal",
        "a APPEND INBOX CATENATE (URL \"/INBOX/;UID=1\"|Command ends too early",
        "a APPEND INBOX CATENATE (BODY x)|Expected TEXT or URL",
        "a APPEND INBOX CATENATE (URL \"/Café/;UID=1\")|US-ASCII",
      })
  void malformedCatenateIsBad(String command, String message) {
    byte[] bytes = command.replace("\\r\\n", "\r\n").getBytes(UTF_8);
    assertThatThrownBy(() -> parser.parse(bytes, NameEncoding.UTF8))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(message);
  }

  @Test
  void tooManyPartsAreBad() {
    String parts = " URL x".repeat(AppendParser.MAX_CATENATE_PARTS + 1).substring(1);
    assertThatThrownBy(() -> parse("a APPEND INBOX CATENATE (" + parts + ")"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Too many");
  }
}
