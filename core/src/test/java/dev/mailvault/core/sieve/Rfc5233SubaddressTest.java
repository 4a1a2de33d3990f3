package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import dev.mailvault.core.sieve.SieveAction.Redirect;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subaddress (RFC 5233): the example of §6 and the rules of §4, with '+' as the separator. */
class Rfc5233SubaddressTest {

  private static final String SECTION_6 =
      """
      require ["envelope", "subaddress", "fileinto"];

      # In this example the same user account receives mail for both
      # "ken@example.com" and "postmaster@example.com"

      # File all messages to postmaster into a single mailbox,
      # ignoring the :detail part.
      if envelope :user "to" "postmaster" {
          fileinto "inbox.postmaster";
          stop;
      }

      # File mailing list messages (subscribed as "ken+mta-filters").
      if envelope :detail "to" "mta-filters" {
          fileinto "inbox.ietf-mta-filters";
      }

      # Redirect all mail sent to "ken+foo".
      if envelope :detail "to" "foo" {
          redirect "ken@example.net";
      }
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "postmaster+anything@example.com, inbox.postmaster",
    "postmaster@example.com, inbox.postmaster",
    "ken+mta-filters@example.com, inbox.ietf-mta-filters",
    "ken+foo@example.com, redirect",
    "ken@example.com, keep",
  })
  void section6Example(String rcpt, String outcome) throws Exception {
    SieveEnvelope envelope = new SieveEnvelope("sender@example.org", rcpt, "ken@example.com");
    SieveAction expected =
        switch (outcome) {
          case "redirect" -> new Redirect("ken@example.net");
          case "keep" -> new Keep(Set.of());
          default -> new FileInto(outcome, Set.of(), false);
        };
    assertThat(run(SECTION_6, message("", "x"), envelope).actions()).containsExactly(expected);
  }

  // RFC 5233 §4: "ken+@" has an empty detail; "ken@" has none, so :detail never matches.
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ken+@example.com|:detail :is \"to\" \"\"|true",
        "ken@example.com|:detail :is \"to\" \"\"|false",
        "ken@example.com|:detail :matches \"to\" \"*\"|false",
        "ken+a+b@example.com|:detail :is \"to\" \"a+b\"|true",
        "ken+a@example.com|:user :is \"to\" \"ken\"|true",
      })
  void section4Rules(String to, String test, boolean expected) throws Exception {
    String script = "require [\"subaddress\"];\nif address " + test + " { discard; }";
    assertThat(run(script, message("To: " + to, "", "x")).implicitKeep()).isEqualTo(!expected);
  }
}
