package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the MX makes of an alias's Sieve script (ADR 0252), with the real Sieve engine. */
class AliasSieveTest {

  private static final String ALIAS = "hello@example.com";
  private static final AliasSieve SIEVE =
      new AliasSieve(Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));

  private static byte[] message(String subject) {
    return ("From: Carol <carol@far.example>\r\nTo: <hello@example.com>\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <m1@far.example>\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n\r\n"
            + "Hello there.\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static SieveDecision decide(String script, String subject) {
    return SIEVE.decide(
        script, ALIAS, "hello+lists@example.com", "carol@far.example", message(subject));
  }

  @Test
  void fileintoWithFlagsAndCopyGivesOneFilingPerFolder() {
    SieveDecision decision =
        decide(
            """
            require ["fileinto", "mailbox", "imap4flags", "copy"];
            if header :contains "subject" "report" {
              addflag ["\\\\Seen", "$Report", "\\\\Recent"];
              fileinto :copy :create "Reports/2026";
            }
            """,
            "Weekly report");

    assertThat(decision.filings())
        .containsExactlyInAnyOrder(
            new Filing(
                Optional.of("Reports/2026"),
                true,
                Flags.of(SystemFlag.SEEN).withKeywords("$Report")),
            // :copy keeps the implicit keep, with the internal flags (RFC 5232 §3).
            new Filing(Optional.empty(), false, Flags.of(SystemFlag.SEEN).withKeywords("$Report")));
    assertThat(decision.redirects()).isEmpty();
    assertThat(decision.rejected()).isFalse();
  }

  @Test
  void discardKeepsNothingAndRedirectCancelsTheImplicitKeep() {
    assertThat(decide("discard;", "x").filings()).isEmpty();

    SieveDecision redirected = decide("redirect \"dave@elsewhere.example\";", "x");
    assertThat(redirected.filings()).isEmpty();
    assertThat(redirected.redirects()).containsExactly("dave@elsewhere.example");
  }

  @Test
  void rejectAndVacationAreReported() {
    SieveDecision rejected =
        decide("require \"reject\"; reject \"I do not take mail about this.\";", "x");
    assertThat(rejected.rejection()).contains("I do not take mail about this.");
    assertThat(rejected.filings()).isEmpty();

    SieveDecision away =
        decide(
            "require \"vacation\"; vacation :days 3 :subject \"Away\" \"Back on Monday.\";", "x");
    assertThat(away.vacation()).isPresent();
    assertThat(away.vacation().get().to()).isEqualTo("carol@far.example");
    assertThat(away.vacation().get().period()).isEqualTo(Duration.ofDays(3));
    assertThat(away.filings()).containsExactly(Filing.DEFAULT);
  }

  @Test
  void aScriptThatDoesNotCompileKeepsTheMessage() {
    assertThat(decide("if header :contains \"subject\" { fileinto \"x\"; }", "x"))
        .isEqualTo(SieveDecision.KEEP);
  }

  @Test
  void theEnvelopeCarriesTheDetailOfTheRecipient() {
    SieveDecision decision =
        decide(
            """
            require ["envelope", "subaddress", "fileinto"];
            if envelope :detail "to" "lists" { fileinto "Lists"; }
            """,
            "x");
    assertThat(decision.filings())
        .containsExactly(new Filing(Optional.of("Lists"), false, Flags.NONE));
  }

  @Test
  void flagsThatNoMessageCanCarryAreDropped() {
    assertThat(AliasSieve.flags(java.util.Set.of("\\Recent", "\\Flagged", "two words", "$ok")))
        .isEqualTo(Flags.of(SystemFlag.FLAGGED).withKeywords("$ok"));
  }
}
