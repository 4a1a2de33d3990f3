package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code :regex} match type (draft-ietf-sieve-regex-01, as Pigeonhole offers it) and patterns
 * built to be slow: a backtracking matcher would take exponential time on them; ours is linear
 * (RE2/J) or O(n·m) (wildcards). The timeouts only catch a hang; they assert no speed.
 */
class RegexAndHostileInputTest {

  // draft-ietf-sieve-regex-01 §3 example, with the match variables of Pigeonhole.
  @Test
  void regexWithMatchVariables() throws Exception {
    String script =
        """
        require ["regex", "variables", "fileinto"];
        if header :regex "subject" "^\\\\[([a-z-]+)\\\\] (.*)$" {
            fileinto "lists.${1}";
        }
        """;
    assertThat(run(script, message("Subject: [sieve-users] hello", "", "x")).actions())
        .containsExactly(new FileInto("lists.sieve-users", Set.of(), false));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '~',
      value = {
        "address :regex \"from\" \"^[a-z]+@example\\\\.(com|org)$\"~true",
        "address :comparator \"i;octet\" :regex \"from\" \"^BOB@\"~false",
        "address :regex \"from\" \"^BOB@\"~true",
        "header :regex \"subject\" \"[0-9]{3}\"~true",
        "header :regex \"subject\" \"^[0-9]+$\"~false",
      })
  void regexTests(String test, boolean expected) throws Exception {
    String script = "require \"regex\";\nif " + test + " { discard; }";
    byte[] msg = message("From: bob@example.org", "Subject: order 12345 shipped", "", "x");
    assertThat(run(script, msg).implicitKeep()).isEqualTo(!expected);
  }

  @Test
  void aBackreferenceIsRefusedAtCompileTime() {
    SieveSyntaxException e =
        assertThrows(
            SieveSyntaxException.class,
            () ->
                SieveScript.compile(
                    "require \"regex\";\nif header :regex \"s\" \"(a)\\\\1\" { keep; }"));
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void nestedCountedRepetitionIsRefused() {
    // Compiles to a program of a million instructions: refused as SEARCH X-REGEX refuses it.
    assertThrows(
        SieveSyntaxException.class,
        () ->
            SieveScript.compile(
                "require \"regex\";\nif header :regex \"s\" \"(a{1000}){1000}\" { keep; }"));
  }

  @Test
  void regexBuiltFromVariablesThatIsInvalidIsARuntimeError() throws Exception {
    SieveScript script =
        SieveScript.compile(
            "require [\"regex\", \"variables\"];\nset \"p\" \"(\";\n"
                + "if header :regex \"subject\" \"${p}\" { discard; }");
    assertThrows(
        SieveRuntimeException.class,
        () ->
            script.evaluate(
                SieveMessage.of(message("Subject: x", "", "x"), SieveFixture.ENVELOPE),
                SieveFixture.environment()));
  }

  @Test
  void hostileRegexIsLinear() throws Exception {
    // (a+)+$ on "aaaa...b" takes exponential time in a backtracking engine.
    String script = "require \"regex\";\nif header :regex \"subject\" \"^(a+)+$\" { discard; }";
    byte[] msg = message("Subject: " + "a".repeat(5000) + "b", "", "x");
    SieveOutcome outcome =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(script, msg));
    assertThat(outcome.implicitKeep()).isTrue();
  }

  @Test
  void hostileMatchesIsNotExponential() throws Exception {
    // A recursive wildcard matcher takes exponential time on many stars and a near miss.
    String pattern = "*a".repeat(40) + "*b";
    String script = "if header :matches \"subject\" \"" + pattern + "\" { discard; }";
    byte[] msg = message("Subject: " + "a".repeat(20_000), "", "x");
    SieveOutcome outcome =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(script, msg));
    assertThat(outcome.implicitKeep()).isTrue();
  }

  @Test
  void matchingWorkIsBounded() throws Exception {
    // 512 keys against a 4 MiB body: 2^31 characters to compare, past the bound of 2^30.
    StringBuilder keys = new StringBuilder("[");
    for (int i = 0; i < 512; i++) {
      keys.append(i == 0 ? "" : ",").append("\"absent").append(i).append('"');
    }
    SieveScript script =
        SieveScript.compile("require \"body\";\nif body :raw :contains " + keys + "] { discard; }");
    SieveMessage msg =
        SieveMessage.of(message("Subject: big", "", "y".repeat(4 << 20)), SieveFixture.ENVELOPE);
    SieveRuntimeException e =
        assertThrows(
            SieveRuntimeException.class, () -> script.evaluate(msg, SieveFixture.environment()));
    assertThat(e.getMessage()).isEqualTo("matching work bound passed");
  }

  @Test
  void openReferencesWithoutAnEndAreLinear() throws Exception {
    // 16,000 "${" and no "}": a search for the end from each would be quadratic.
    String open = "${".repeat(16_000);
    String script =
        "require [\"variables\", \"encoded-character\", \"fileinto\"];\n"
            + "set :length \"n\" \""
            + open
            + "\";\nfileinto \"${n}\";";
    SieveOutcome outcome =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(script, message("", "x")));
    assertThat(outcome.actions()).containsExactly(new FileInto("32000", Set.of(), false));
  }

  @Test
  void wildcardGroupsFollowRfc5229() {
    assertThat(Wildcard.match("*.*", "a.b.c", false)).isEqualTo(List.of("a", "b.c"));
    assertThat(Wildcard.match("?\\*?", "x*y", false)).isEqualTo(List.of("x", "y"));
    assertThat(Wildcard.match("\\*", "a", false)).isNull();
    assertThat(Wildcard.match("A*", "abc", true)).isEqualTo(List.of("bc"));
    assertThat(Wildcard.match("", "", false)).isEmpty();
  }

  @Test
  void deepNestingIsRefused() {
    String script = "if " + "not ".repeat(200) + "true { keep; }";
    SieveSyntaxException e =
        assertThrows(SieveSyntaxException.class, () -> SieveScript.compile(script));
    assertThat(e.reason()).isEqualTo("nested deeper than " + SieveParser.MAX_NESTING);
  }

  @Test
  void aLongScriptIsRefused() {
    String script = "keep;".repeat(SieveScript.MAX_SOURCE / 5 + 1);
    SieveSyntaxException e =
        assertThrows(SieveSyntaxException.class, () -> SieveScript.compile(script));
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void expansionIsBounded() throws Exception {
    StringBuilder script = new StringBuilder("require [\"variables\", \"fileinto\"];\n");
    script.append("set \"a\" \"").append("x".repeat(4000)).append("\";\n");
    script.append("set \"b\" \"").append("${a}".repeat(2000)).append("\";\n");
    script.append("set :length \"n\" \"${b}\";\nfileinto \"${n}\";");
    assertThat(run(script.toString(), message("", "x")).actions())
        .containsExactly(new FileInto(Integer.toString(VariableStore.MAX_VALUE), Set.of(), false));
  }
}
