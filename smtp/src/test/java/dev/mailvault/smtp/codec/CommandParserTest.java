package dev.mailvault.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  private static SmtpCommand parse(String line) throws SmtpSyntaxException {
    return CommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
  }

  private static String refusal(String line) {
    try {
      parse(line);
    } catch (SmtpSyntaxException e) {
      return e.reply().toString();
    }
    throw new AssertionError("accepted: " + line);
  }

  @Test
  void mailWithEveryParameter() throws Exception {
    assertThat(parse("mail from:<a@b.example> SIZE=1234 BODY=8bitmime SMTPUTF8"))
        .isEqualTo(new SmtpCommand.Mail("a@b.example", OptionalLong.of(1234), "8BITMIME", true));
    assertThat(parse("MAIL FROM:<>"))
        .isEqualTo(new SmtpCommand.Mail("", OptionalLong.empty(), null, false));
    assertThat(parse("MAIL FROM: <a@b>"))
        .isEqualTo(new SmtpCommand.Mail("a@b", OptionalLong.empty(), null, false));
    assertThat(parse("MAIL FROM:<@relay.example,@r2.example:a@b>"))
        .isEqualTo(new SmtpCommand.Mail("a@b", OptionalLong.empty(), null, false));
    assertThat(parse("MAIL FROM:<\"a>b\"@c>"))
        .isEqualTo(new SmtpCommand.Mail("\"a>b\"@c", OptionalLong.empty(), null, false));
  }

  @Test
  void badMailAndRcptSyntax() {
    assertThat(refusal("MAIL FROM:a@b")).isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address>");
    assertThat(refusal("MAIL TO:<a@b>")).isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address>");
    assertThat(refusal("MAIL FROM:<a@b")).isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address>");
    assertThat(refusal("MAIL FROM:<a@b>x")).isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address>");
    assertThat(refusal("MAIL FROM:<a@b> SIZE=x")).isEqualTo("501 5.5.4 SIZE needs a number");
    assertThat(refusal("MAIL FROM:<a@b> SIZE=1 SIZE=2"))
        .isEqualTo("501 5.5.4 Parameter SIZE given twice");
    assertThat(refusal("MAIL FROM:<a@b> BODY=BINARYMIME"))
        .isEqualTo("555 5.5.4 BODY must be 7BIT or 8BITMIME");
    assertThat(refusal("MAIL FROM:<a@b> XFOO=1"))
        .isEqualTo("555 5.5.4 MAIL FROM parameter XFOO not recognized");
    assertThat(refusal("RCPT TO:<a@b> XFOO=NEVER"))
        .isEqualTo("555 5.5.4 RCPT TO parameter XFOO not recognized");
    assertThat(refusal("RCPT TO:<>"))
        .isEqualTo("501 5.1.3 The recipient address must not be empty");
    assertThat(refusal("RCPT FROM:<a@b>")).isEqualTo("501 5.5.4 Syntax: RCPT TO:<address>");
  }

  @Test
  void otherCommands() throws Exception {
    assertThat(parse("EHLO client.example")).isEqualTo(new SmtpCommand.Ehlo("client.example"));
    assertThat(parse("HELO [127.0.0.1]")).isEqualTo(new SmtpCommand.Helo("[127.0.0.1]"));
    assertThat(parse("BDAT 100 last")).isEqualTo(new SmtpCommand.Bdat(100, true));
    assertThat(parse("NOOP anything")).isEqualTo(new SmtpCommand.Noop());
    assertThat(parse("VRFY postmaster")).isEqualTo(new SmtpCommand.Vrfy("postmaster"));
    assertThat(parse("expn list")).isEqualTo(new SmtpCommand.NotImplemented("EXPN"));
    assertThat(refusal("EHLO")).isEqualTo("501 5.5.4 Syntax: EHLO <domain>");
    assertThat(refusal("DATA x")).isEqualTo("501 5.5.4 Syntax: DATA takes no arguments");
    assertThat(refusal("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS takes no arguments");
    assertThat(refusal("BDAT -1")).isEqualTo("501 5.5.4 Syntax: BDAT <size> [LAST]");
    assertThat(refusal("BDAT 1 FIRST")).isEqualTo("501 5.5.4 Syntax: BDAT <size> [LAST]");
    assertThat(refusal("VRFY")).isEqualTo("501 5.5.4 Syntax: VRFY <string>");
    assertThat(refusal("FROB")).isEqualTo("500 5.5.1 Command unrecognized");
    assertThat(refusal("NOOP \u0000"))
        .isEqualTo("500 5.5.2 Syntax error: control character in command");
  }

  @Test
  void invalidUtf8IsRefused() {
    assertThatThrownBy(() -> CommandParser.parse(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xff}))
        .isInstanceOf(SmtpSyntaxException.class)
        .hasMessage("500 5.5.2 Syntax error: the command is not UTF-8");
  }

  @Test
  void repliesEncodeMultiLineWithEnhancedCodes() {
    SmtpReply reply = new SmtpReply(250, "2.0.0", java.util.List.of("one", "two"));
    assertThat(new String(reply.encode(), StandardCharsets.US_ASCII))
        .isEqualTo("250-2.0.0 one\r\n250 2.0.0 two\r\n");
    assertThat(new String(SmtpReply.of(220, null, "hi").encode(), StandardCharsets.US_ASCII))
        .isEqualTo("220 hi\r\n");
  }
}
