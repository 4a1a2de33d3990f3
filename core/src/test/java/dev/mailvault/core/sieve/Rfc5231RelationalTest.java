package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relational tests (RFC 5231): the examples of §6 and the i;ascii-numeric comparator. */
class Rfc5231RelationalTest {

  // RFC 5231 §6: the message of the examples.
  private static final byte[] MESSAGE =
      message(
          "received: ...",
          "received: ...",
          "subject: example",
          "to: foo@example.com.invalid, baz@example.com.invalid",
          "cc: qux@example.com.invalid",
          "",
          "x");

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "address :count \"ge\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] [\"3\"]|true",
        "header :count \"ge\" :comparator \"i;ascii-numeric\" [\"received\"] [\"3\"]|false",
        "header :count \"ge\" :comparator \"i;ascii-numeric\" [\"received\", \"subject\"] [\"3\"]"
            + "|true",
        "header :count \"ge\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] [\"3\"]|false",
      })
  void section6Examples(String test, boolean expected) throws Exception {
    String script =
        "require [\"relational\", \"comparator-i;ascii-numeric\"];\nif " + test + " { discard; }";
    assertThat(run(script, MESSAGE).implicitKeep()).isEqualTo(!expected);
  }

  // RFC 5231 §6: the filing example.
  private static final String FILING =
      """
      require ["relational", "comparator-i;ascii-numeric", "fileinto"];

      if header :value "lt" :comparator "i;ascii-numeric"
                ["x-priority"] ["3"]
      {
         fileinto "Priority";
      }

      elsif address :count "gt" :comparator "i;ascii-numeric"
                 ["to"] ["5"]
      {
         # everything with more than 5 recipients in the "to" field
         # is considered SPAM
         fileinto "SPAM";
      }

      elsif address :value "gt" :all :comparator "i;ascii-casemap"
                 ["from"] ["M"]
      {
         fileinto "From N-Z";
      } else {
         fileinto "From A-M";
      }

      if allof ( address :count "eq" :comparator "i;ascii-numeric"
                         ["to", "cc"] ["1"] ,
                 address :all :comparator "i;ascii-casemap"
                         ["to", "cc"] ["me@foo.example.com.invalid"] )
      {
         fileinto "Only me";
      }
      """;

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "X-Priority: 1;From: zed@example.org;To: me@foo.example.com.invalid|Priority|Only me",
        "X-Priority: 5;From: zed@example.org;To: a@x, b@x, c@x, d@x, e@x, f@x|SPAM|",
        "From: nancy@example.org;To: a@x|From N-Z|",
        "From: alice@example.org;To: a@x|From A-M|",
        "From: alice@example.org;To: me@foo.example.com.invalid|From A-M|Only me",
        "X-Priority: none;From: alice@example.org;To: a@x|From A-M|",
      })
  void section6Filing(String headers, String first, String second) throws Exception {
    SieveOutcome outcome = run(FILING, message((headers + ";;x").split(";", -1)));
    if (second == null) {
      assertThat(outcome.actions()).containsExactly(new FileInto(first, Set.of(), false));
    } else {
      assertThat(outcome.actions())
          .containsExactly(
              new FileInto(first, Set.of(), false), new FileInto(second, Set.of(), false));
    }
  }

  // RFC 4790 §9.1: leading digits count; a value without digits is positive infinity.
  @ParameterizedTest(name = "{0} {1} {2} is {3}")
  @CsvSource({
    "10, gt, 9, true",
    "010, eq, 10, true",
    "abc, gt, 999999999999, true",
    "abc, eq, xyz, true",
    "5 apples, eq, 5, true",
    "3, ne, 3, false",
  })
  void asciiNumeric(String value, String relation, String key, boolean expected) throws Exception {
    String script =
        "require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
            + "if header :value \""
            + relation
            + "\" :comparator \"i;ascii-numeric\" \"x-n\" \""
            + key
            + "\" { discard; }";
    assertThat(run(script, message("X-N: " + value, "", "x")).implicitKeep()).isEqualTo(!expected);
  }

  @Test
  void unknownRelationIsASyntaxError() {
    org.junit.jupiter.api.Assertions.assertThrows(
        SieveSyntaxException.class,
        () ->
            SieveScript.compile(
                "require \"relational\";\nif header :value \"xx\" \"a\" \"b\" { keep; }"));
  }
}
