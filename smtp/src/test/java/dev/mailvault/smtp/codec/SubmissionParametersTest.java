package dev.mailvault.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The parameters only submission offers: DSN (RFC 3461), AUTH (RFC 4954), REQUIRETLS (RFC 8689).
 */
class SubmissionParametersTest {

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
  void mailParametersAreParsedAndXtextDecoded() throws Exception {
    SmtpCommand.Mail mail =
        (SmtpCommand.Mail)
            parse("MAIL FROM:<a@b> RET=hdrs ENVID=QQ+2BSL+3D1 AUTH=a+2Bb@c REQUIRETLS");
    assertThat(mail.ret()).isEqualTo(DsnReturn.HEADERS);
    assertThat(mail.envelopeId()).contains("QQ+SL=1");
    assertThat(mail.requireTls()).isTrue();
    assertThat(mail.submissionParameters()).containsExactly("RET", "ENVID", "AUTH", "REQUIRETLS");
    assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@b> RET=FULL")).ret())
        .isEqualTo(DsnReturn.FULL);
    assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@b>")).submissionParameters()).isEmpty();
  }

  @Test
  void rcptParametersAreParsedAndXtextDecoded() throws Exception {
    assertThat(parse("RCPT TO:<x@y> NOTIFY=success,DELAY ORCPT=rfc822;x+2Btag@y"))
        .isEqualTo(
            new SmtpCommand.Rcpt(
                "x@y",
                Set.of(DsnNotify.SUCCESS, DsnNotify.DELAY),
                Optional.of("rfc822;x+tag@y"),
                List.of("NOTIFY", "ORCPT")));
    assertThat(((SmtpCommand.Rcpt) parse("RCPT TO:<x@y> NOTIFY=NEVER")).notifyOn())
        .containsExactly(DsnNotify.NEVER);
  }

  @Test
  void badValuesAre501() {
    assertThat(refusal("MAIL FROM:<a@b> RET=ALL")).isEqualTo("501 5.5.4 RET must be FULL or HDRS");
    assertThat(refusal("MAIL FROM:<a@b> RET")).isEqualTo("501 5.5.4 RET must be FULL or HDRS");
    assertThat(refusal("MAIL FROM:<a@b> ENVID=a+2x"))
        .isEqualTo("501 5.5.4 ENVID is not valid xtext");
    assertThat(refusal("MAIL FROM:<a@b> ENVID=a=b"))
        .isEqualTo("501 5.5.4 ENVID is not valid xtext");
    assertThat(refusal("MAIL FROM:<a@b> ENVID=" + "x".repeat(101)))
        .isEqualTo("501 5.5.4 ENVID needs an xtext value of at most 100 characters");
    assertThat(refusal("MAIL FROM:<a@b> REQUIRETLS=yes"))
        .isEqualTo("501 5.5.4 REQUIRETLS takes no value");
    assertThat(refusal("MAIL FROM:<a@b> AUTH")).isEqualTo("501 5.5.4 AUTH needs a value");
    assertThat(refusal("RCPT TO:<x@y> NOTIFY=NEVER,SUCCESS"))
        .isEqualTo("501 5.5.4 NOTIFY=NEVER excludes every other value");
    assertThat(refusal("RCPT TO:<x@y> NOTIFY=SOMETIMES"))
        .isEqualTo("501 5.5.4 NOTIFY must be NEVER or SUCCESS, FAILURE, DELAY");
    assertThat(refusal("RCPT TO:<x@y> NOTIFY=SUCCESS,SUCCESS"))
        .isEqualTo("501 5.5.4 NOTIFY names a value twice");
    assertThat(refusal("RCPT TO:<x@y> ORCPT=x@y"))
        .isEqualTo("501 5.5.4 Syntax: ORCPT=addr-type;address");
    assertThat(refusal("RCPT TO:<x@y> ORCPT=rfc822;"))
        .isEqualTo("501 5.5.4 ORCPT needs an xtext value of at most 500 characters");
    assertThat(refusal("RCPT TO:<x@y> NOTIFY=NEVER NOTIFY=NEVER"))
        .isEqualTo("501 5.5.4 Parameter NOTIFY given twice");
  }

  @Test
  void authTakesAMechanismAndAnOptionalInitialResponse() throws Exception {
    assertThat(parse("AUTH plain AGEAYg=="))
        .isEqualTo(new SmtpCommand.Auth("PLAIN", Optional.of("AGEAYg==")));
    assertThat(parse("AUTH LOGIN")).isEqualTo(new SmtpCommand.Auth("LOGIN", Optional.empty()));
    assertThat(parse("AUTH LOGIN").toString()).doesNotContain("=");
    assertThat(refusal("AUTH")).isEqualTo("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
    assertThat(refusal("AUTH PLAIN a b"))
        .isEqualTo("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
  }

  @Test
  void theReaderHandsTheLineAfterAChallengeOverUnparsed() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    java.util.List<SmtpInput> inputs = new java.util.ArrayList<>();
    byte[] auth = "AUTH LOGIN\r\ndXNlcg==\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII);
    reader.feed(auth, 0, auth.length, inputs::add);
    assertThat(inputs)
        .containsExactly(new SmtpInput.Command(new SmtpCommand.Auth("LOGIN", Optional.empty())));
    assertThat(reader.paused()).isTrue();

    reader.readSaslResponse(inputs::add);

    assertThat(inputs).hasSize(2);
    assertThat(
            new String(((SmtpInput.SaslResponse) inputs.get(1)).line(), StandardCharsets.US_ASCII))
        .isEqualTo("dXNlcg==");
    assertThat(reader.paused()).isTrue();
    reader.resumeCommands(inputs::add);
    assertThat(inputs.get(2)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Noop()));
  }
}
