package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import dev.mailvault.core.sieve.SieveAction.Redirect;
import dev.mailvault.core.sieve.SieveAction.Reject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** reject/ereject (RFC 5429), mailbox (RFC 5490) and copy (RFC 3894): their examples. */
class ActionExtensionsTest {

  // RFC 5429 §2.1 example.
  @Test
  void rfc5429Reject() throws Exception {
    String script =
        """
        require ["reject"];

        if header :contains "from" "coyote@desert.example.org" {
           reject text:
        I am not taking mail from you, and I don't
        want your birdseed, either!
        .
           ;
        }
        """;
    SieveOutcome outcome = run(script, message("From: coyote@desert.example.org", "", "x"));
    assertThat(outcome.actions())
        .containsExactly(
            new Reject(
                "I am not taking mail from you, and I don't\r\nwant your birdseed, either!\r\n",
                false));
    assertThat(outcome.implicitKeep()).isFalse();
  }

  // RFC 5429 §2.2 example.
  @Test
  void rfc5429Ereject() throws Exception {
    String script =
        """
        require ["ereject"];

        if address :domain :is "from" "example.com" {
            ereject "I no longer accept mail from this domain";
        }
        """;
    assertThat(run(script, message("From: someone@example.com", "", "x")).actions())
        .containsExactly(new Reject("I no longer accept mail from this domain", true));
  }

  // RFC 5429 §2.1: reject cannot go with keep or fileinto.
  @Test
  void rfc5429RejectWithFileintoIsARuntimeError() throws Exception {
    SieveScript script =
        SieveScript.compile("require [\"reject\", \"fileinto\"];\nfileinto \"a\";\nreject \"no\";");
    assertThrows(
        SieveRuntimeException.class,
        () ->
            script.evaluate(
                SieveMessage.of(message("", "x"), SieveFixture.ENVELOPE),
                SieveFixture.environment()));
  }

  // RFC 5490 §3.1 example: mailboxexists answers from what the caller knows.
  private static final String MAILBOX_EXISTS =
      """
      require ["fileinto", "reject", "mailbox"];
      if mailboxexists "Partners" {
         fileinto "Partners";
      } else {
         reject "This message was not accepted by the Mailstore";
      }
      """;

  @Test
  void rfc5490MailboxExistsUnknownIsFalse() throws Exception {
    assertThat(run(MAILBOX_EXISTS, message("", "x")).actions())
        .containsExactly(new Reject("This message was not accepted by the Mailstore", false));
  }

  @Test
  void rfc5490MailboxExistsFromTheCaller() throws Exception {
    SieveEnvironment knows =
        new SieveEnvironment() {
          @Override
          public Clock clock() {
            return SieveFixture.CLOCK;
          }

          @Override
          public ZoneId zone() {
            return SieveFixture.ZONE;
          }

          @Override
          public String myAddress() {
            return "me@example.com";
          }

          @Override
          public Set<String> aliasAddresses() {
            return Set.of();
          }

          @Override
          public boolean mailboxExists(String mailbox) {
            return mailbox.equals("Partners");
          }
        };
    SieveOutcome outcome =
        SieveScript.compile(MAILBOX_EXISTS)
            .evaluate(SieveMessage.of(message("", "x"), SieveFixture.ENVELOPE), knows);
    assertThat(outcome.actions()).containsExactly(new FileInto("Partners", Set.of(), false));
  }

  // RFC 5490 §3.2 example.
  @Test
  void rfc5490Create() throws Exception {
    String script =
        """
        require ["fileinto", "mailbox"];
        if address :is "from" "boss@example.com" {
            fileinto :create "INBOX.Boss";
        }
        """;
    assertThat(run(script, message("From: boss@example.com", "", "x")).actions())
        .containsExactly(new FileInto("INBOX.Boss", Set.of(), true));
  }

  // RFC 3894 §4 examples: :copy keeps the implicit keep.
  @Test
  void rfc3894RedirectCopy() throws Exception {
    String script =
        """
        require ["copy"];
        if header :contains "subject" "sieve" {
            redirect :copy "bob@example.com";
        }
        """;
    SieveOutcome outcome = run(script, message("Subject: about sieve", "", "x"));
    assertThat(outcome.actions())
        .containsExactly(new Redirect("bob@example.com"), new Keep(Set.of()));
    assertThat(outcome.implicitKeep()).isTrue();
  }

  @Test
  void rfc3894FileintoCopy() throws Exception {
    String script =
        """
        require ["copy", "fileinto"];
        fileinto :copy "incoming";
        """;
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto("incoming", Set.of(), false), new Keep(Set.of()));
  }

  @Test
  void copyNeedsRequire() {
    assertThrows(
        SieveSyntaxException.class,
        () -> SieveScript.compile("redirect :copy \"bob@example.com\";"));
  }

  @Test
  void moreThanTheActionLimitIsARuntimeError() throws Exception {
    StringBuilder script = new StringBuilder("require \"fileinto\";\n");
    for (int i = 0; i <= ActionList.MAX_ACTIONS; i++) {
      script.append("fileinto \"f").append(i).append("\";\n");
    }
    SieveScript compiled = SieveScript.compile(script.toString());
    assertThrows(
        SieveRuntimeException.class,
        () ->
            compiled.evaluate(
                SieveMessage.of(message("", "x"), SieveFixture.ENVELOPE),
                SieveFixture.environment()));
  }
}
