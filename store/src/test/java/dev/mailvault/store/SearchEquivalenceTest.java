package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.re2j.Pattern;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.content.DecodedContentCache;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vault's SEARCH (SQL, the full-text index, stored text) agrees with {@link SearchReference} on
 * random queries (every key, X-REGEX among them, under NOT, OR and nested ANDs) over a few hundred
 * random messages with random flags, keywords, dates, sizes, encoded headers and encoded bodies.
 * Each query runs three times: with the index whole; with half of the contents missing from it as
 * while it is built for an older vault (those read by scan); and after the background build has
 * filled it again. Seeded, so a failure names the query and can be replayed.
 */
class SearchEquivalenceTest {

  private static final int MESSAGES = 160;
  private static final int QUERIES = 100;

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20250604L, 7_777_777L})
  void searchAgreesWithTheReference(long seed) throws Exception {
    SearchFixture fixture = new SearchFixture(seed);
    byte[] key = TestVaults.randomKey();
    VaultStore store = TestVaults.store(dir);
    List<SearchQuery> queries = new ArrayList<>();
    List<SearchReference.Message> model = new ArrayList<>();
    try (Vault vault = store.create("v" + seed, key, QuotaLedger.UNLIMITED)) {
      List<SearchFixture.Spec> specs = new ArrayList<>();
      List<NewMessage> batch = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        SearchFixture.Spec spec = fixture.message(i);
        specs.add(spec);
        batch.add(new NewMessage(spec.raw(), spec.flags(), spec.internalDate()));
      }
      vault.appendAll("INBOX", batch);
      // Changed flags give the messages different MODSEQs, and some are expunged (UID gaps).
      Random random = fixture.random();
      for (int i = 0; i < 40; i++) {
        long uid = 1 + random.nextInt(MESSAGES);
        vault.storeFlags("INBOX", UidSet.of(uid), FlagUpdate.replace(fixture.flags()));
      }
      vault.storeFlags(
          "INBOX", UidSet.of(3, 50, 51, 52, 150), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX", UidSet.of(3, 50, 51, 52, 150));
      for (MessageMeta meta : vault.messages("INBOX", UidSet.all())) {
        model.add(
            new SearchReference.Message(
                meta.uid(), meta.modseq(), meta.flags(), specs.get((int) meta.uid() - 1)));
      }
      QueryGenerator generator = new QueryGenerator(fixture, model);
      for (int i = 0; i < QUERIES; i++) {
        queries.add(generator.query(0));
      }
      for (int i = 0; i < QUERIES; i++) {
        SearchQuery query = queries.get(i);
        assertThat(vault.search("INBOX", query))
            .as("seed %d query %d: %s", seed, i, query)
            .containsExactly(SearchReference.search(model, query));
      }
    }
    try (VaultConnection c = TestVaults.rawConnection(store, "v" + seed, key)) {
      // An older vault's state while the index is built: the contents below the lower bound
      // only some of them, and the newest, stored since the last batch, not at all.
      long top = c.queryLong("SELECT max(id) FROM contents").orElseThrow();
      long below = top / 2;
      for (long id = 1; id < below; id++) {
        if (id % 3 != 0) {
          TextIndex.delete(c, id);
        }
      }
      c.execute("UPDATE vault_meta SET value = " + below + " WHERE key = 'text_index_below'");
      long through = Math.min(TextIndex.indexedThrough(c), top * 3 / 4);
      for (long id = through + 1; id <= top; id++) {
        TextIndex.delete(c, id);
      }
      TextIndex.setIndexedThrough(c, through);
      long folderId = c.queryLong("SELECT id FROM folders WHERE name = 'INBOX'").orElseThrow();
      ContentCache cache = new DecodedContentCache(1 << 20).forVault();
      for (int i = 0; i < QUERIES; i++) {
        SearchQuery query = queries.get(i);
        assertThat(MessageSearch.run(c, cache, folderId, query))
            .as("seed %d query %d, index half built: %s", seed, i, query)
            .containsExactly(SearchReference.search(model, query));
      }
    }
    try (Vault vault = store.open("v" + seed, key, QuotaLedger.UNLIMITED);
        VaultConnection c = TestVaults.rawConnection(store, "v" + seed, key)) {
      long top = c.queryLong("SELECT max(id) FROM contents").orElseThrow();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> TextIndex.unindexedBelow(c) == 0 && TextIndex.indexedThrough(c) == top);
      assertThat(c.queryLong("SELECT count(*) FROM message_text").orElseThrow())
          .as("every content indexed again")
          .isEqualTo(c.queryLong("SELECT count(*) FROM contents").orElseThrow());
      for (int i = 0; i < QUERIES; i++) {
        SearchQuery query = queries.get(i);
        assertThat(vault.search("INBOX", query))
            .as("seed %d query %d, index rebuilt: %s", seed, i, query)
            .containsExactly(SearchReference.search(model, query));
      }
    } finally {
      store.close();
    }
  }

  /** Random query trees whose leaves hit the generated values often enough to matter. */
  private static final class QueryGenerator {
    private final SearchFixture fixture;
    private final Random random;
    private final List<SearchReference.Message> model;

    QueryGenerator(SearchFixture fixture, List<SearchReference.Message> model) {
      this.fixture = fixture;
      this.random = fixture.random();
      this.model = model;
    }

    SearchQuery query(int depth) {
      int kind = random.nextInt(depth >= 3 ? 14 : 18);
      return switch (kind) {
        case 14 -> new SearchQuery.And(List.of(query(depth + 1), query(depth + 1)));
        case 15 -> new SearchQuery.Or(List.of(query(depth + 1), query(depth + 1)));
        case 16 -> new SearchQuery.Not(query(depth + 1));
        case 17 ->
            new SearchQuery.And(List.of(query(depth + 1), query(depth + 1), query(depth + 1)));
        default -> leaf(kind);
      };
    }

    private SearchQuery leaf(int kind) {
      return switch (kind) {
        case 0 -> new SearchQuery.All();
        case 1 -> new SearchQuery.Uids(uids());
        case 2 ->
            new SearchQuery.Flag(
                SystemFlag.values()[random.nextInt(SystemFlag.values().length)],
                random.nextBoolean());
        case 3 ->
            new SearchQuery.Keyword(
                random.nextInt(6) == 0
                    ? "$Unknown"
                    : flipCase(
                        SearchFixture.KEYWORDS.get(random.nextInt(SearchFixture.KEYWORDS.size()))),
                random.nextBoolean());
        case 4, 5 -> new SearchQuery.Header(headerName(), needle(headerHaystack()));
        case 6 -> new SearchQuery.Body(needle(fixture.word()));
        case 7 ->
            new SearchQuery.Text(needle(random.nextBoolean() ? fixture.word() : headerHaystack()));
        case 8 -> new SearchQuery.InternalDate(relation(), day());
        case 9 -> new SearchQuery.SentDate(relation(), day());
        case 10 -> new SearchQuery.Size(random.nextBoolean(), size());
        case 12 ->
            // a word, or a window of a real body that may cut words and span separators
            new SearchQuery.Body(
                longNeedle(
                    random.nextBoolean()
                        ? fixture.word()
                        : model.get(random.nextInt(model.size())).spec().bodyText()));
        case 13 -> regex();
        default ->
            new SearchQuery.ModSeq(
                model.get(random.nextInt(model.size())).modseq() + random.nextInt(3) - 1);
      };
    }

    /** A needle of three characters or more when the text has them: the index can look for it. */
    private String longNeedle(String text) {
      if (text.length() < 3 || random.nextInt(8) == 0) {
        return needle(text);
      }
      int start = random.nextInt(text.length() - 2);
      int end = Math.min(text.length(), start + 3 + random.nextInt(random.nextBoolean() ? 6 : 24));
      return flipCase(text.substring(start, end));
    }

    /**
     * An X-REGEX key whose pattern cannot match across a line or a word, so that how the texts are
     * joined does not matter: quoted pieces, word-character gaps, alternatives, and a nested star
     * that would make a backtracking engine's time explode.
     */
    private SearchQuery regex() {
      String piece = Pattern.quote(needle(fixture.word()));
      String pattern =
          switch (random.nextInt(4)) {
            case 0 -> piece;
            case 1 -> piece + "\\w*" + Pattern.quote(needle(fixture.word()));
            case 2 -> "(" + piece + "|" + Pattern.quote(needle(headerHaystack())) + ")";
            default -> "(\\w*)*" + piece;
          };
      return switch (random.nextInt(3)) {
        case 0 -> new SearchQuery.Regex(SearchQuery.RegexTarget.HEADER, headerName(), pattern);
        case 1 -> new SearchQuery.Regex(SearchQuery.RegexTarget.BODY, "", pattern);
        default -> new SearchQuery.Regex(SearchQuery.RegexTarget.TEXT, "", pattern);
      };
    }

    private UidSet uids() {
      List<UidSet.Range> ranges = new ArrayList<>();
      // Sometimes more ranges than SQL gets, so the Java path for UID sets runs too.
      int n = random.nextInt(5) == 0 ? 40 + random.nextInt(40) : 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        long first = 1 + random.nextInt(260);
        ranges.add(new UidSet.Range(first, first + random.nextInt(random.nextBoolean() ? 1 : 30)));
      }
      return new UidSet(ranges);
    }

    private String headerName() {
      String[] names = {"Subject", "From", "To", "Cc", "Bcc", "X-Priority", "x-missing", "subject"};
      return names[random.nextInt(names.length)];
    }

    private String headerHaystack() {
      SearchFixture.Spec spec = model.get(random.nextInt(model.size())).spec();
      String[] field = spec.headers().get(random.nextInt(spec.headers().size()));
      return field[1];
    }

    /** A piece of {@code text} in random case, or sometimes empty or absent from everything. */
    private String needle(String text) {
      int pick = random.nextInt(12);
      if (pick == 0) {
        return "";
      }
      if (pick == 1) {
        return "nowhere-" + random.nextInt(100);
      }
      int start = random.nextInt(text.length());
      int end = Math.min(text.length(), start + 1 + random.nextInt(8));
      return flipCase(text.substring(start, end));
    }

    private String flipCase(String s) {
      StringBuilder out = new StringBuilder();
      for (char c : s.toCharArray()) {
        out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
      return out.toString();
    }

    private DateRelation relation() {
      return DateRelation.values()[random.nextInt(3)];
    }

    private java.time.LocalDate day() {
      return SearchFixture.FIRST_DAY.plusDays(random.nextInt(SearchFixture.DAYS + 2) - 1);
    }

    private long size() {
      return model.get(random.nextInt(model.size())).spec().raw().length + random.nextInt(3) - 1;
    }
  }
}
