package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.mime.SearchText;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java side of the full-text index cuts text into the same terms as SQLite's FTS5 {@code ascii}
 * tokenizer (docs/adr/0219-full-text-index.md): if the two disagreed, the words widened from {@code
 * text_terms} would not be the index's terms and a search could miss a message.
 */
class TextTermsTest {

  /** ASCII letters, digits and punctuation, Latin-1, Greek, CJK, a surrogate pair, U+FFFD. */
  private static final String ALPHABET =
      "abcXYZ019 .,;:-_@/\\\"'()[]{}<>!?#$%&*+=|~`^\t\n\r\u0001\u007f"
          + "éÉßøÆ\u00a0\u00adΩωЖж中文字\u3000\u2014\u2028\ufffd\ud83d\ude00";

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void javaAndFts5CutTheSameTerms(long seed) throws Exception {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(80);
      while (text.length() < length) {
        int at = random.nextInt(ALPHABET.length());
        char c = ALPHABET.charAt(at);
        if (Character.isHighSurrogate(c)) {
          text.append(c).append(ALPHABET.charAt(at + 1));
        } else if (!Character.isLowSurrogate(c)) {
          text.append(c);
        }
      }
      texts.add(SearchText.searchForm(text.toString()));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      s.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'ascii', detail = column)");
      s.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t(x) VALUES (?)")) {
        for (String text : texts) {
          insert.setString(1, text);
          insert.executeUpdate();
        }
      }
      Set<String> sqlite = new HashSet<>();
      try (ResultSet r = s.executeQuery("SELECT term FROM v")) {
        while (r.next()) {
          sqlite.add(r.getString(1));
        }
      }
      assertThat(TextTerms.of(texts.toArray(String[]::new)))
          .containsExactlyInAnyOrderElementsOf(sqlite);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "orld|INSIDE",
        " world|START",
        "world |END",
        " world |WHOLE",
        "lo wor|END,START",
        "a-b-c|END,WHOLE,START",
        "@.|",
        "ÉtÉ 中文|END,START"
      })
  void aNeedleIsCutIntoPiecesThatKnowWhereTheySit(String example) {
    String[] parts = example.split("\\|", -1);
    List<String> fits = new ArrayList<>();
    for (TextTerms.Piece piece : TextTerms.pieces(SearchText.searchForm(parts[0]))) {
      fits.add(piece.fit().name());
    }
    assertThat(String.join(",", fits)).isEqualTo(parts[1]);
  }
}
