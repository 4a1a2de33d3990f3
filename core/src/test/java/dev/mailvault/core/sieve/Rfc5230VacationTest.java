package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mailvault.core.sieve.SieveAction.Keep;
import dev.mailvault.core.sieve.SieveAction.Redirect;
import dev.mailvault.core.sieve.SieveAction.Vacation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vacation (RFC 5230): the examples of §4 and §6, and the rules of §4.5. */
class Rfc5230VacationTest {

  private static final String TO_ME = "To: me@example.com";

  private static Vacation vacation(SieveOutcome outcome) {
    List<Vacation> found =
        outcome.actions().stream()
            .filter(Vacation.class::isInstance)
            .map(Vacation.class::cast)
            .toList();
    return found.isEmpty() ? null : found.get(0);
  }

  // RFC 5230 §3 example.
  @Test
  void section3Example() throws Exception {
    String script =
        """
        require "vacation";
        if header :contains "subject" "cyrus" {
            vacation "I'm out -- send mail to cyrus-bugs";
        } else {
            vacation "I'm out -- call me at +1 304 555 0123";
        }
        """;
    Vacation v = vacation(run(script, message(TO_ME, "Subject: cyrus crashed", "", "x")));
    assertThat(v.to()).isEqualTo("sender@example.org");
    assertThat(v.body()).isEqualTo("I'm out -- send mail to cyrus-bugs");
    assertThat(v.subject()).isEqualTo("Auto: cyrus crashed");
    assertThat(v.period()).isEqualTo(Duration.ofDays(7));
    assertThat(v.from()).isNull();
    assertThat(v.mime()).isFalse();
    SieveOutcome other = run(script, message(TO_ME, "Subject: lunch", "", "x"));
    assertThat(vacation(other).body()).isEqualTo("I'm out -- call me at +1 304 555 0123");
    // Vacation does not cancel the implicit keep.
    assertThat(other.actions()).contains(new Keep(Set.of()));
  }

  // RFC 5230 §4.2: the same handle for both replies, whatever the reason.
  @Test
  void section4_2HandleExample() throws Exception {
    String script =
        """
        require "vacation";
        if header :contains "subject" "lunch" {
            vacation :handle "ran-away" "I'm out and can't meet for lunch";
        } else {
            vacation :handle "ran-away" "I'm out";
        }
        """;
    assertThat(vacation(run(script, message(TO_ME, "Subject: lunch?", "", "x"))).handle())
        .isEqualTo("ran-away");
    assertThat(vacation(run(script, message(TO_ME, "Subject: hi", "", "x"))).handle())
        .isEqualTo("ran-away");
  }

  @Test
  void withoutHandleDifferentReasonsAreDifferentReplies() throws Exception {
    String a =
        vacation(run("require \"vacation\"; vacation \"a\";", message(TO_ME, "", "x"))).handle();
    String b =
        vacation(run("require \"vacation\"; vacation \"b\";", message(TO_ME, "", "x"))).handle();
    assertThat(a).isNotEqualTo(b);
  }

  // RFC 5230 §4.4 example with variables.
  @Test
  void section4_4SubjectExample() throws Exception {
    String script =
        """
        require ["vacation", "variables"];
        if header :matches "subject" "*" {
            vacation :subject "Automatic response to: ${1}"
                     "I'm away -- send mail to foo in my absence";
        }
        """;
    assertThat(vacation(run(script, message(TO_ME, "Subject: budget", "", "x"))).subject())
        .isEqualTo("Automatic response to: budget");
  }

  // RFC 5230 §4.8 :mime example.
  @Test
  void section4_8MimeExample() throws Exception {
    String script =
        """
        require "vacation";
        vacation :mime text:
        Content-Type: multipart/alternative; boundary=foo

        --foo

        I'm at the beach relaxing.  Mmmm, surf...

        --foo
        Content-Type: text/html; charset=us-ascii

        <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"
         "http://www.w3.org/TR/REC-html40/strict.dtd">
        <HTML><HEAD><TITLE>How to relax</TITLE>
        <BASE HREF="http://home.example.com/pictures/"></HEAD>
        <BODY><P>I'm at the <A HREF="beach.gif">beach</A> relaxing.
        Mmmm, <A HREF="ocean.gif">surf</A>...
        </BODY></HTML>

        --foo--
        .
        ;
        """;
    Vacation v = vacation(run(script, message(TO_ME, "", "x")));
    assertThat(v.mime()).isTrue();
    assertThat(v.body()).startsWith("Content-Type: multipart/alternative; boundary=foo\r\n\r\n");
    assertThat(v.body()).endsWith("--foo--\r\n");
  }

  // RFC 5230 §6 examples.
  @Test
  void section6DaysAndAddresses() throws Exception {
    String script =
        """
        require "vacation";
        vacation :days 23 :addresses ["tjs@example.edu",
                                      "ts4z@landru.example.edu"]
           "I'm away until October 19.
           If it's an emergency, call 911, I guess." ;
        """;
    // Addressed to one of the :addresses only: the reply is allowed by them (§4.5).
    Vacation v = vacation(run(script, message("To: ts4z@landru.example.edu", "", "x")));
    assertThat(v.period()).isEqualTo(Duration.ofDays(23));
    assertThat(v.body()).contains("call 911");
    assertThat(vacation(run(script, message("To: someone@example.edu", "", "x")))).isNull();
  }

  @Test
  void section6RedirectOrVacation() throws Exception {
    String script =
        """
        require "vacation";
        if header :contains "from" "boss@example.edu" {
            redirect "pleeb@xanadu.example.com";
        } else {
            vacation "Sorry, I'm away, I'll read your
        message when I get around to it.";
        }
        """;
    assertThat(run(script, message("From: boss@example.edu", TO_ME, "", "x")).actions())
        .containsExactly(new Redirect("pleeb@xanadu.example.com"));
    assertThat(vacation(run(script, message("From: pal@example.edu", TO_ME, "", "x"))).body())
        .isEqualTo("Sorry, I'm away, I'll read your\nmessage when I get around to it.");
  }

  @Test
  void section6Language() throws Exception {
    String script =
        """
        require "vacation";
        if header :contains ["accept-language", "content-language"] "en"
        {
            vacation "I am away this week.";
        } else {
            vacation "Estoy ausente esta semana.";
        }
        """;
    assertThat(vacation(run(script, message(TO_ME, "Content-Language: en-GB", "", "x"))).body())
        .isEqualTo("I am away this week.");
    assertThat(vacation(run(script, message(TO_ME, "Content-Language: es", "", "x"))).body())
        .isEqualTo("Estoy ausente esta semana.");
  }

  @Test
  void section6GoneFishing() throws Exception {
    String script =
        """
        require "vacation";
        if address :matches "from" "*@ourdivision.example.com"
        {
            vacation :subject "Gone fishing"
                     "Please contact my deputy, foo@example.com";
        } else {
            vacation :subject "Gone fishing"
                     "Please contact me at my cell phone 555-5555";
        }
        """;
    Vacation v =
        vacation(run(script, message("From: pal@ourdivision.example.com", TO_ME, "", "x")));
    assertThat(v.subject()).isEqualTo("Gone fishing");
    assertThat(v.body()).contains("deputy");
  }

  @Test
  void fromIsPassedOn() throws Exception {
    Vacation v =
        vacation(
            run(
                "require \"vacation\"; vacation :from \"me.too@example.net\" \"away\";",
                message(TO_ME, "", "x")));
    assertThat(v.from()).isEqualTo("me.too@example.net");
  }

  @Test
  void daysAreBounded() throws Exception {
    assertThat(
            vacation(run("require \"vacation\"; vacation :days 0 \"a\";", message(TO_ME, "", "x")))
                .period())
        .isEqualTo(Duration.ofDays(1));
    assertThat(
            vacation(
                    run(
                        "require \"vacation\"; vacation :days 1000 \"a\";",
                        message(TO_ME, "", "x")))
                .period())
        .isEqualTo(Duration.ofDays(VacationRules.MAX_DAYS));
  }

  // RFC 5230 §4.5: never to lists, bulk mail, automatic mail, daemons, or mail not sent to me.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "to me|To: me@example.com|sender@example.org|true",
        "to my alias|Cc: me.too@example.net|sender@example.org|true",
        "to me with a detail|To: me+work@example.com|sender@example.org|true",
        "bcc: not visible|To: other@example.com|sender@example.org|false",
        "null sender|To: me@example.com||false",
        "mailer-daemon|To: me@example.com|MAILER-DAEMON@example.org|false",
        "owner-|To: me@example.com|owner-list@example.org|false",
        "-request|To: me@example.com|list-request@example.org|false",
        "list-id|To: me@example.com;List-Id: <x.example.org>|sender@example.org|false",
        "list-unsubscribe|To: me@example.com;List-Unsubscribe: <mailto:u@x>|sender@example.org|false",
        "precedence bulk|To: me@example.com;Precedence: bulk|sender@example.org|false",
        "precedence junk|To: me@example.com;Precedence: JUNK|sender@example.org|false",
        "auto-submitted|To: me@example.com;Auto-Submitted: auto-replied|sender@example.org|false",
        "auto-submitted no|To: me@example.com;Auto-Submitted: no|sender@example.org|true",
        "myself|To: me@example.com|me@example.com|false",
        "resent-to|Resent-To: me@example.com|sender@example.org|true",
      })
  void section4_5(String name, String headers, String sender, boolean replies) throws Exception {
    SieveEnvelope envelope =
        new SieveEnvelope(sender == null ? "" : sender, "me@example.com", "me@example.com");
    SieveOutcome outcome =
        run(
            "require \"vacation\"; vacation \"away\";",
            message((headers + ";;x").split(";", -1)),
            envelope);
    assertThat(vacation(outcome) != null).isEqualTo(replies);
    assertThat(outcome.actions()).contains(new Keep(Set.of()));
  }

  @Test
  void twoVacationsAreARuntimeError() throws Exception {
    SieveScript script =
        SieveScript.compile("require \"vacation\"; vacation \"a\"; vacation \"b\";");
    assertThrows(
        SieveRuntimeException.class,
        () ->
            script.evaluate(
                SieveMessage.of(message(TO_ME, "", "x"), SieveFixture.ENVELOPE),
                SieveFixture.environment()));
  }
}
