package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview collapse reads only as far as the preview needs; it must give exactly what the
 * obvious whole-body regex gives (RFC 8970 §3: white space collapsed, at most 256 characters, never
 * cutting a surrogate pair).
 */
class PreviewCollapseTest {

  private static final String[] PIECES = {
    "a",
    "word",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\n\n",
    "\u000B",
    "\f",
    "\u2003",
    "\u00A0",
    "\uD83D\uDE00",
    "é"
  };

  static LongStream seeds() {
    return LongStream.range(0, 2_000);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void matchesTheWholeBodyRegex(long seed) {
    Random random = new Random(seed);
    StringBuilder body = new StringBuilder();
    int pieces = random.nextInt(400);
    for (int i = 0; i < pieces; i++) {
      body.append(PIECES[random.nextInt(PIECES.length)]);
    }
    String text = body.toString();
    assertThat(SummaryBuilder.collapse(text)).isEqualTo(reference(text));
  }

  private static String reference(String body) {
    String s = body.replaceAll("\\s+", " ").strip();
    if (s.length() <= 256) {
      return s;
    }
    int cut = 256;
    if (Character.isLowSurrogate(s.charAt(cut))) {
      cut--;
    }
    return s.substring(0, cut);
  }
}
