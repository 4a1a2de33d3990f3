package dev.mailvault.sieve.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SIEVE capability lists what core's compiler accepts, and errors come back with the line. */
class CompilerCheckerTest {

  private final CompilerChecker checker = new CompilerChecker();

  @Test
  void everyAdvertisedExtensionMayBeRequired() {
    for (String extension : checker.extensions()) {
      assertThat(checker.firstError("require \"" + extension + "\";\nkeep;\n"))
          .as(extension)
          .isNull();
    }
  }

  @Test
  void anUnknownExtensionAndASyntaxErrorAreRefusedWithTheirLine() {
    assertThat(checker.firstError("keep;\nrequire \"frobnicate\";\n")).startsWith("line 2: ");
    assertThat(checker.firstError("if true {\n  keep;\n")).startsWith("line ");
    assertThat(checker.firstError("keep;\n\n\nfileinto \"x\";")).startsWith("line 4: ");
  }
}
