package dev.mailvault.core.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compile-time errors are refused with their line and reason (RFC 5228 §8, §3.2). */
class SieveSyntaxTest {

  @Test
  void requiredExtensionsAreReported() throws Exception {
    SieveScript script =
        SieveScript.compile("require [\"fileinto\", \"Variables\"];\nfileinto \"a\";\n");
    assertEquals(Set.of("fileinto", "variables"), script.requiredExtensions());
  }

  @Test
  void supportedExtensionsAreTheIssues() {
    assertEquals(
        "[body, comparator-i;ascii-casemap, comparator-i;ascii-numeric, comparator-i;octet, copy,"
            + " date, encoded-character, envelope, ereject, fileinto, imap4flags, index, mailbox,"
            + " regex, reject, relational, subaddress, vacation, variables]",
        SieveScript.supportedExtensions().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fileinto without require|keep;\\nfileinto \"x\";|2|fileinto needs require \"fileinto\"",
        "unknown command|keep;\\n\\nfrobnicate;|3|unknown command \"frobnicate\"",
        "unknown test|if frob { keep; }|1|unknown test \"frob\"",
        "unknown extension|require \"nope\";|1|unsupported extension \"nope\"",
        "missing semicolon|keep\\ndiscard;|2|keep takes no test (missing ';'?)",
        "unterminated string|keep;\\nfileinto \"x;|2|unterminated string",
        "require after command|keep;\\nrequire \"fileinto\";|2|require must come before other"
            + " commands",
        "else without if|else { keep; }|1|else without if",
        "size without tag|if size 100 { keep; }|1|size needs :over or :under",
        "two match types|if header :is :contains \"a\" \"b\" { keep; }|1|:contains cannot be used"
            + " with :is",
        "unknown tag|if header :foo \"a\" \"b\" { keep; }|1|header has no tag :foo",
        "relational not required|if header :count \"gt\" \"a\" \"1\" { keep; }|1|:count needs"
            + " require \"relational\"",
        "numeric not required|require \"relational\";\\nif header :value \"gt\" :comparator"
            + " \"i;ascii-numeric\" \"a\" \"1\" { keep; }|2|i;ascii-numeric needs require"
            + " \"comparator-i;ascii-numeric\"",
        "bad regex|require \"regex\";\\n\\nif header :regex \"a\" \"(\" { keep; }|3|invalid regular"
            + " expression (RE2 syntax, at most 1000 characters and repetitions)",
        "unterminated comment|keep;\\n/* open|2|unterminated comment",
        "bad redirect|redirect \"not an address\";|1|redirect needs a valid address",
        "wrong argument|fileinto;|1|fileinto needs require \"fileinto\"",
        "positional count|keep \"x\";|1|keep takes 0 positional arguments, got 1",
        "flag variable without variables|require \"imap4flags\";\\nsetflag \"v\" \"a\";|2|setflag on"
            + " a variable needs require \"variables\"",
        "hasflag variable without variables|require \"imap4flags\";\\nif hasflag \"v\" \"a\" {"
            + " keep; }|2|hasflag on a variable needs require \"variables\"",
        "address kept out of errors|require \"me@example.com\";|1|unsupported extension"
            + " \"me?example.com\"",
      })
  void refusesWithLineAndReason(String name, String script, int line, String reason) {
    SieveSyntaxException e =
        assertThrows(
            SieveSyntaxException.class, () -> SieveScript.compile(script.replace("\\n", "\n")));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(reason, e.reason());
    assertEquals("line " + line + ": " + reason, e.getMessage());
  }
}
