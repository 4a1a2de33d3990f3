package dev.mailvault.core.sieve;

import java.util.List;

/** The parse tree of RFC 5228 §8.2, before the commands and tests are checked. */
final class Syntax {

  private Syntax() {}

  /** An argument (§2.6): a tag, a number, or a string list (a single string is a list of one). */
  sealed interface Argument {
    int line();
  }

  record TagArgument(String name, int line) implements Argument {}

  record NumberArgument(long value, int line) implements Argument {}

  /**
   * A string or a string list.
   *
   * @param bracketed whether it was written as a list ({@code ["a"]}), where only a string fits
   */
  record StringArgument(List<String> values, boolean bracketed, int line) implements Argument {

    StringArgument {
      values = List.copyOf(values);
    }
  }

  /**
   * A command or a test with its arguments.
   *
   * @param name the identifier, lower-case (identifiers are case-insensitive, §2.5)
   * @param tests the test or test list that follows the arguments
   * @param block the commands of the block, or null for a command ending in {@code ;} or a test
   */
  record Invocation(
      String name,
      List<Argument> arguments,
      List<Invocation> tests,
      List<Invocation> block,
      int line) {}
}
