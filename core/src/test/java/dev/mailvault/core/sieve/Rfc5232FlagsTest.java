package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IMAP flags (RFC 5232): the examples of §3, §4, §5 and §6. */
class Rfc5232FlagsTest {

  private static List<String> flags(SieveAction action) {
    Set<String> set = action instanceof Keep k ? k.flags() : ((FileInto) action).flags();
    return List.copyOf(set);
  }

  // RFC 5232 §3.1-§3.3: the internal variable, and the example flag lists.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "setflag \"\\\\Seen\";|\\Seen",
        "setflag [\"\\\\Seen\", \"\\\\Answered\"];|\\Seen \\Answered",
        "setflag \"\\\\Seen \\\\Answered\";|\\Seen \\Answered",
        "addflag \"\\\\Deleted\"; addflag \"\\\\Answered\";|\\Deleted \\Answered",
        "addflag [\"\\\\Deleted\", \"\\\\Answered\"];|\\Deleted \\Answered",
        "addflag \"\\\\Deleted \\\\Answered\"; addflag \"\\\\deleted\";|\\Deleted \\Answered",
        "setflag \"\\\\Seen $Label1\"; removeflag \"\\\\SEEN\";|$Label1",
        "setflag \"a\"; setflag \"b\";|b",
      })
  void internalVariableFlagsTheImplicitKeep(String commands, String expected) throws Exception {
    SieveOutcome outcome = run("require \"imap4flags\";\n" + commands, message("", "x"));
    assertThat(outcome.actions()).hasSize(1);
    assertThat(String.join(" ", flags(outcome.actions().get(0)))).isEqualTo(expected);
  }

  @Test
  void flagListsAreBounded() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      many.append(" $F").append(i);
    }
    SieveOutcome outcome =
        run("require \"imap4flags\";\naddflag \"" + many + "\";", message("", "x"));
    assertThat(flags(outcome.actions().get(0))).hasSize(Interpreter.MAX_FLAGS);
  }

  // RFC 5232 §6 example.
  private static final String SECTION_6 =
      """
      require ["imap4flags", "fileinto", "variables"];
      if size :over 500K {
          setflag "\\\\Deleted";
      }
      if header :contains "from" "boss@frobnitzm.example.edu" {
          setflag "flagvar" "\\\\Flagged";
          fileinto :flags "${flagvar}" "INBOX.From Boss";
      }
      if header :contains "subject" "Sieve" {
          fileinto :flags "\\\\Seen" "INBOX.Sieve";
      }
      if header :contains "Disposition-Notification-To" "mel@example.com" {
          addflag "flagvar" "$MDNRequired";
          fileinto :flags "${flagvar}" "INBOX.mel";
      }
      """;

  @Test
  void section6Boss() throws Exception {
    SieveOutcome outcome = run(SECTION_6, message("From: boss@frobnitzm.example.edu", "", "x"));
    assertThat(outcome.actions())
        .containsExactly(new FileInto("INBOX.From Boss", Set.of("\\Flagged"), false));
  }

  @Test
  void section6SieveListFlagsOnlyTheCopyItFiles() throws Exception {
    SieveOutcome outcome = run(SECTION_6, message("Subject: Sieve news", "", "x"));
    assertThat(outcome.actions())
        .containsExactly(new FileInto("INBOX.Sieve", Set.of("\\Seen"), false));
  }

  @Test
  void section6LargeMessageIsKeptDeleted() throws Exception {
    byte[] big = message("Subject: big", "", "x".repeat(600 * 1024));
    assertThat(run(SECTION_6, big).actions()).containsExactly(new Keep(Set.of("\\Deleted")));
  }

  @Test
  void section6MdnRequest() throws Exception {
    SieveOutcome outcome =
        run(SECTION_6, message("Disposition-Notification-To: mel@example.com", "", "x"));
    assertThat(outcome.actions())
        .containsExactly(new FileInto("INBOX.mel", Set.of("$MDNRequired"), false));
  }

  // RFC 5232 §5: fileinto without :flags uses the internal variable at that moment.
  @Test
  void fileintoTakesTheInternalFlagsOfItsTime() throws Exception {
    String script =
        """
        require ["imap4flags", "fileinto"];
        addflag "$A";
        fileinto "one";
        addflag "$B";
        fileinto "two";
        keep :flags "$C";
        """;
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(
            new FileInto("one", Set.of("$A"), false),
            new FileInto("two", Set.of("$A", "$B"), false),
            new Keep(Set.of("$C")));
  }

  // RFC 5232 §4: hasflag on variables and on the internal variable.
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hasflag :contains \"MyVar\" \"b\"|true",
        "hasflag :contains \"MyVar\" [\"c\", \"d\"]|false",
        "hasflag :is \"MyVar\" [\"b\", \"d\"]|true",
        "hasflag :is \"MyVar\" \"a\"|true",
        "hasflag :is \"MyVar\" \"e\"|false",
        "hasflag :count \"ge\" :comparator \"i;ascii-numeric\" \"MyVar\" \"2\"|true",
        "hasflag :count \"ge\" :comparator \"i;ascii-numeric\" \"MyVar\" \"3\"|false",
        "hasflag \"$Internal\"|true",
        "hasflag \"$Other\"|false",
      })
  void hasflag(String test, boolean expected) throws Exception {
    String script =
        "require [\"imap4flags\", \"variables\", \"relational\", \"comparator-i;ascii-numeric\"];\n"
            + "set \"MyVar\" \"A B\";\naddflag \"$Internal\";\nif "
            + test
            + " { discard; }";
    assertThat(run(script, message("", "x")).implicitKeep()).isEqualTo(!expected);
  }
}
