package dev.mailvault.core.sieve;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and mutated scripts, from fixed seeds: {@code compile} either succeeds or throws {@link
 * SieveSyntaxException}, never anything else and never hangs; a script that compiles also evaluates
 * without an unexpected exception.
 */
class CompileFuzzTest {

  static final List<String> SEEDS =
      List.of(
          "require [\"fileinto\", \"variables\", \"imap4flags\", \"relational\","
              + " \"comparator-i;ascii-numeric\", \"regex\", \"body\", \"date\", \"index\","
              + " \"vacation\", \"envelope\", \"subaddress\", \"copy\", \"mailbox\", \"reject\","
              + " \"encoded-character\"];\n"
              + "if header :matches \"Subject\" \"[*] *\" { set :lower \"l\" \"${1}\";"
              + " fileinto :create :flags \"\\\\Seen\" \"lists.${l}\"; stop; }\n"
              + "elsif address :detail :is \"to\" \"x\" { redirect :copy \"a@b.example\"; }\n"
              + "elsif body :content \"text\" :regex \"(ab|cd)+\" { addflag \"$X\"; }\n"
              + "elsif date :index 1 :value \"ge\" :zone \"+0100\" \"date\" \"hour\" \"09\""
              + " { vacation :days 3 :subject \"${hex:41}\" text:\nback soon\n.\n; }\n"
              + "else { keep :flags [\"a\", \"b\"]; }\n",
          "if anyof (size :over 1M, not exists \"From\", allof(true, false)) { discard; }",
          "require [\"envelope\", \"reject\"];\n"
              + "/* comment */ # another\nif envelope :all :is \"from\" \"\" { reject \"no\"; }");

  private static final String ALPHABET = "\"[](){};,:\\*?$# \n\tabcifstoperxK0123456789/";

  @org.junit.jupiter.api.Test
  void theSeedScriptsCompile() throws SieveSyntaxException {
    for (String seed : SEEDS) {
      SieveScript.compile(seed);
    }
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 400);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void compileEitherSucceedsOrRefuses(long seed) {
    Random random = new Random(seed);
    String base = SEEDS.get((int) (seed % SEEDS.size()));
    String script = seed % 4 == 0 ? randomScript(random) : mutate(base, random);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(script));
  }

  private static void check(String script) {
    SieveScript compiled;
    try {
      compiled = SieveScript.compile(script);
    } catch (SieveSyntaxException expected) {
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("compile threw " + e + " for:\n" + script, e);
    }
    try {
      compiled.evaluate(
          SieveMessage.of(
              SieveFixture.message(
                  "From: a@example.org",
                  "To: me+x@example.com",
                  "Subject: [list] hello",
                  "Date: Sat, 14 Mar 2026 10:00:00 +0000",
                  "",
                  "abcd"),
              SieveFixture.ENVELOPE),
          SieveFixture.environment());
    } catch (SieveRuntimeException expected) {
      // A runtime error is an allowed answer: the caller keeps the message.
    } catch (RuntimeException e) {
      fail("evaluate threw " + e + " for:\n" + script, e);
    }
  }

  static String mutate(String base, Random random) {
    StringBuilder sb = new StringBuilder(base);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && sb.length() > 0; i++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(5)) {
        case 0 -> sb.deleteCharAt(at);
        case 4 -> {
          // Swap one word for a word of the language, which often still compiles.
          int end = at;
          while (end < sb.length() && Character.isLetterOrDigit(sb.charAt(end))) {
            end++;
          }
          sb.replace(at, end, WORDS[random.nextInt(WORDS.length)]);
        }
        case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> {
          int end = Math.min(sb.length(), at + random.nextInt(20));
          sb.insert(random.nextInt(sb.length()), sb.substring(at, end));
        }
      }
    }
    return sb.toString();
  }

  private static final String[] WORDS = {
    "if",
    "elsif",
    "else",
    "header",
    "address",
    ":is",
    ":matches",
    ":contains",
    ":regex",
    ":count",
    "\"gt\"",
    "\"a\"",
    "[\"a\",\"b\"]",
    "{",
    "}",
    "(",
    ")",
    ";",
    ",",
    "keep",
    "discard",
    "fileinto",
    "redirect",
    "\"x@y.example\"",
    "text:\nx\n.\n",
    "10K",
    "not",
    "anyof",
    "allof",
    "true",
    "require",
    "\"variables\"",
    "set",
    "\"${1}\"",
    ":index",
    "1"
  };

  private static String randomScript(Random random) {
    String[] words = WORDS;
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(60);
    for (int i = 0; i < n; i++) {
      sb.append(words[random.nextInt(words.length)]).append(' ');
    }
    return sb.toString();
  }
}
