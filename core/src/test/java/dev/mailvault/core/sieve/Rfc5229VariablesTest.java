package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variables (RFC 5229): the examples of §3, §3.2, §4 and §5. */
class Rfc5229VariablesTest {

  /** The folder a script files into after {@code set "r" ...}: fileinto "${r}". */
  private static String result(String sets, byte[] msg) throws Exception {
    String script = "require [\"variables\", \"fileinto\"];\n" + sets + "\nfileinto \"[${r}]\";";
    SieveOutcome outcome = run(script, msg);
    return ((FileInto) outcome.actions().get(0)).folder();
  }

  // RFC 5229 §3: names are case-insensitive; the multi-line example.
  @Test
  void section3Example() throws Exception {
    String sets =
        """
        set "honorific" "Mr";
        set "first_name" "Wile";
        set "last_name" "Coyote";
        set "vacation" text:
        Dear ${HONORIFIC} ${last_name},
        I'm out, please leave a message after the meep.
        .
        ;
        set "r" "${vacation}";
        """;
    assertThat(result(sets, message("", "x")))
        .isEqualTo("[Dear Mr Coyote,\r\nI'm out, please leave a message after the meep.\r\n]");
  }

  // RFC 5229 §3: an unknown variable is the empty string; "${" not followed by a name stays.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "${company}|",
        "${unknown}x|x",
        "${1}|",
        "${|${",
        "${ company}|${ company}",
        "$${company}|$",
        "${company${company}}|${company}",
      })
  void references(String written, String meant) throws Exception {
    assertThat(result("set \"r\" \"" + written + "\";", message("", "x")))
        .isEqualTo("[" + (meant == null ? "" : meant) + "]");
  }

  // RFC 5229 §4.1, the examples of the section.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        ":length|15",
        ":lower|jumbled letters",
        ":upper|JUMBLED LETTERS",
        ":upperfirst|JuMBlEd lETteRS",
        ":lowerfirst|juMBlEd lETteRS",
        ":upperfirst :lower|Jumbled letters",
        ":lower :upperfirst|Jumbled letters",
      })
  void modifiers(String modifiers, String value) throws Exception {
    String sets = "set \"a\" \"juMBlEd lETteRS\";\nset " + modifiers + " \"r\" \"${a}\";";
    assertThat(result(sets, message("", "x"))).isEqualTo("[" + value + "]");
  }

  @Test
  void quoteWildcard() throws Exception {
    assertThat(result("set :quotewildcard \"r\" \"Rock*\";", message("", "x")))
        .isEqualTo("[Rock\\*]");
  }

  @Test
  void twoModifiersOfOnePrecedenceAreAnError() {
    org.junit.jupiter.api.Assertions.assertThrows(
        SieveSyntaxException.class,
        () -> SieveScript.compile("require \"variables\";\nset :lower :upper \"a\" \"b\";"));
  }

  // RFC 5229 §3.2: the three examples of match variables.
  private static final String SECTION_3_2 =
      """
      require ["fileinto", "variables"];

      if header :matches "List-ID" "*<*@*" {
          fileinto "INBOX.lists.${2}"; stop;
      }

      # Imagine the header
      # Subject: [acme-users] [fwd] version 1.0 is out
      if header :matches "Subject" "[*] *" {
          # ${1} will hold "acme-users",
          # ${2} will hold "[fwd] version 1.0 is out"
          fileinto "INBOX.lists.${1}"; stop;
      }

      # Imagine the header
      # To: coyote@ACME.Example.COM
      if address :matches ["To", "Cc"] ["coyote@**.com",
              "wile@**.com"] {
          # ${0} is the matching address
          # ${1} is always the empty string
          # ${2} is part of the domain name ("ACME.Example")
          fileinto "INBOX.business.${2}"; stop;
      } else {
          # Control wouldn't reach this block if any match was
          # successful, so no match variables are set at this
          # point.
      }

      if anyof (true, address :domain :matches "To" "*.com") {
          # The second test is never evaluated, so there are
          # still no match variables set.
          stop;
      }
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "List-ID: Sieve list <sieve@lists.example.org>|INBOX.lists.sieve",
        "Subject: [acme-users] [fwd] version 1.0 is out|INBOX.lists.acme-users",
        "To: coyote@ACME.Example.COM|INBOX.business.ACME.Example",
      })
  void section3_2Examples(String header, String folder) throws Exception {
    assertThat(run(SECTION_3_2, message(header, "", "x")).actions())
        .containsExactly(new FileInto(folder, Set.of(), false));
  }

  @Test
  void section3_2FallsThroughToTheImplicitKeep() throws Exception {
    assertThat(run(SECTION_3_2, message("To: someone@example.org", "", "x")).actions())
        .containsExactly(new Keep(Set.of()));
  }

  @Test
  void matchVariablesCarryTheWholeValueInZero() throws Exception {
    String script =
        """
        require ["fileinto", "variables"];
        if header :matches "Subject" "*" { set "r" "${0}|${1}"; }
        fileinto "${r}";
        """;
    assertThat(run(script, message("Subject: hello", "", "x")).actions())
        .containsExactly(new FileInto("hello|hello", Set.of(), false));
  }

  // RFC 5229 §5: the string test; the example of the section always succeeds.
  @Test
  void section5StringTest() throws Exception {
    String script =
        """
        require ["variables", "fileinto"];
        set "state" "${state} pending";
        if string :matches " ${state} " "* pending *" {
            # the above test always succeeds
            fileinto "pending";
        }
        """;
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto("pending", Set.of(), false));
  }

  @Test
  void stringCountSkipsEmptyStrings() throws Exception {
    String script =
        """
        require ["variables", "relational", "comparator-i;ascii-numeric", "fileinto"];
        set "empty" "";
        if string :count "eq" :comparator "i;ascii-numeric" ["${empty}", "a", "b"] "2" {
          fileinto "two";
        }
        """;
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto("two", Set.of(), false));
  }

  @Test
  void valuesAreCutToTheirBound() throws Exception {
    String sets =
        "set \"a\" \""
            + "x".repeat(3000)
            + "\";\nset \"r\" \"${a}${a}\";\nset :length \"r\" \"${r}\";";
    assertThat(result(sets, message("", "x"))).isEqualTo("[" + VariableStore.MAX_VALUE + "]");
  }
}
