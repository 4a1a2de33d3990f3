package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.Discard;
import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import dev.mailvault.core.sieve.SieveAction.Redirect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The base language (RFC 5228): the §9 example, the tests of §5 and the action rules of §2.10. */
class Rfc5228BaseTest {

  // RFC 5228 §9, as printed (tags and test names in capitals included).
  private static final String SECTION_9 =
      """
      #
      # Example Sieve Filter
      # Declare any optional features or extension used by the script
      #
      require ["fileinto"];

      #
      # Handle messages from known mailing lists
      # Move messages from IETF filter discussion list to filter mailbox
      #
      if header :is "Sender" "owner-ietf-mta-filters@imc.org"
              {
              fileinto "filter";  # move to "filter" mailbox
              }
      #
      # Keep all messages to or from people in my company
      #
      elsif address :DOMAIN :is ["From", "To"] "example.com"
              {
              keep;               # keep in "In" mailbox
              }

      #
      # Try and catch unsolicited email.  If a message is not to me,
      # or it contains a subject known to be spam, file it away.
      #
      elsif anyof (NOT address :all :contains
                     ["To", "Cc", "Bcc"] "me@example.com",
                   header :matches "subject"
                     ["*make*money*fast*", "*university*dipl*mas*"])
              {
              fileinto "spam";   # move to "spam" mailbox
              }
      else
              {
              # Move all other (non-company) mail to "personal"
              # mailbox.
              fileinto "personal";
              }
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "list mail|Sender: owner-ietf-mta-filters@imc.org;To: me@example.org|filter",
        "company mail|Sender: x@y.example;To: me@example.org;From: boss@example.com|INBOX",
        "company wins over spam|To: me@example.com;Subject: make money fast|INBOX",
        "not to me|Sender: x@y.example;To: you@example.org;Subject: hi|spam",
        "spam subject|To: l@lists.example.org;Cc: me@example.com;Subject: MAKE MONEY FAST|spam",
        "personal|To: l@lists.example.org;Cc: me@example.com;Subject: dinner?|personal",
      })
  void section9Example(String name, String headers, String folder) throws Exception {
    SieveOutcome outcome = run(SECTION_9, message((headers + ";;body").split(";", -1)));
    SieveAction expected =
        folder.equals("INBOX") ? new Keep(Set.of()) : new FileInto(folder, Set.of(), false);
    assertThat(outcome.actions()).containsExactly(expected);
  }

  @Test
  void emptyScriptKeeps() throws Exception {
    assertThat(run("", message("Subject: x", "", "y"))).isEqualTo(SieveOutcome.keepOnly());
  }

  @Test
  void discardCancelsTheImplicitKeep() throws Exception {
    SieveOutcome outcome = run("discard;", message("Subject: x", "", "y"));
    assertThat(outcome.actions()).containsExactly(new Discard());
    assertThat(outcome.implicitKeep()).isFalse();
  }

  @Test
  void stopEndsTheScriptAndKeepsWhatWasDecided() throws Exception {
    SieveOutcome outcome =
        run("require \"fileinto\";\nfileinto \"a\";\nstop;\nfileinto \"b\";", message("", "x"));
    assertThat(outcome.actions()).containsExactly(new FileInto("a", Set.of(), false));
  }

  // RFC 5228 §2.10.3: the same action twice is done once.
  @Test
  void repeatedActionsCollapse() throws Exception {
    SieveOutcome outcome =
        run(
            "require \"fileinto\";\nfileinto \"a\"; fileinto \"a\"; keep; keep;"
                + " redirect \"x@example.net\"; redirect \"X@example.net\";",
            message("", "x"));
    assertThat(outcome.actions())
        .containsExactly(
            new FileInto("a", Set.of(), false), new Keep(Set.of()), new Redirect("x@example.net"));
  }

  @Test
  void redirectCancelsTheImplicitKeep() throws Exception {
    assertThat(run("redirect \"fwd@example.net\";", message("", "x")).actions())
        .containsExactly(new Redirect("fwd@example.net"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "all|address :all :is \"from\" \"Coyote@Desert.Example.org\"|true",
        "localpart|address :localpart :is \"from\" \"coyote\"|true",
        "domain|address :domain :is \"from\" \"desert.example.org\"|true",
        "octet is case-exact|address :comparator \"i;octet\" :is \"from\" \"coyote@desert.example.org\""
            + "|false",
        "second address|address :is \"to\" \"roadrunner@acme.example.com\"|true",
        "contains|header :contains \"subject\" \"BIRDSEED\"|true",
        "matches question mark|header :matches \"subject\" \"?ree birdseed\"|true",
        "matches escaped star|header :matches \"subject\" \"free\\\\*\"|false",
        "exists all|exists [\"From\", \"Subject\"]|true",
        "exists one missing|exists [\"From\", \"X-None\"]|false",
        "size over|size :over 10|true",
        "size under 1K|size :under 1K|true",
        "size over 1M|size :over 1M|false",
        "not|not true|false",
        "allof|allof (true, false)|false",
        "anyof|anyof (false, true)|true",
        "header absent|header :contains \"x-none\" \"\"|false",
        "empty contains|header :contains \"subject\" \"\"|true",
      })
  void tests(String name, String test, boolean expected) throws Exception {
    byte[] msg =
        message(
            "From: \"Wile E.\" <Coyote@Desert.Example.org>",
            "To: someone@example.com, Road Runner <roadrunner@acme.example.com>",
            "Subject: free birdseed",
            "",
            "Meep.");
    SieveOutcome outcome = run("if " + test + " { discard; }", msg);
    assertThat(outcome.implicitKeep()).isEqualTo(!expected);
  }

  @Test
  void envelopeComparesTheSmtpAddresses() throws Exception {
    String script =
        """
        require "envelope";
        if envelope :all :is "from" "" { discard; stop; }
        if envelope :domain :is "to" "example.com" { redirect "copy@example.net"; }
        """;
    SieveEnvelope bounce = new SieveEnvelope("", "me@example.com", "me@example.com");
    assertThat(run(script, message("", "x"), bounce).actions()).containsExactly(new Discard());
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new Redirect("copy@example.net"));
  }

  // RFC 5228 §2.4.2.4, the examples of the section.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$${hex:40}|$@",
        "${hex: 40 }|@",
        "${HEX: 40}|@",
        "${hex:40|${hex:40",
        "${hex:400}|${hex:400}",
        "${hex:4${hex:30}}|${hex:40}",
        "${unicode:40}|@",
        "${ unicode:40}|${ unicode:40}",
        "${UNICODE:40}|@",
        "${UnICoDE:0000040}|${UnICoDE:0000040}",
        "${Unicode:40}|@",
        "${Unicode:Cool}|${Unicode:Cool}",
        "${unicode:200000}|${unicode:200000}",
        "${Unicode:DF01}|${Unicode:DF01}",
      })
  void encodedCharacters(String written, String meant) throws Exception {
    String script = "require [\"encoded-character\", \"fileinto\"];\nfileinto \"" + written + "\";";
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto(meant, Set.of(), false));
  }

  @Test
  void multiLineStringsAreDotUnstuffed() throws Exception {
    String script = "require \"reject\";\nreject text:\nline one\n..dot\n.\n;";
    SieveOutcome outcome = run(script, message("", "x"));
    assertThat(outcome.actions())
        .containsExactly(new SieveAction.Reject("line one\r\n.dot\r\n", false));
    assertThat(outcome.actions()).hasSize(1);
    assertThat(List.copyOf(outcome.actions())).doesNotContain(new Keep(Set.of()));
  }
}
