package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key SEARCH answers reads an index (DESIGN §4, issue 14): SQLite's EXPLAIN QUERY PLAN of the
 * statement {@link MessageSearch} runs names the index the key needs and never scans the messages
 * table whole. Substring keys go through the full-text index.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexPlanTest {

  private VaultStore store;
  private VaultConnection c;
  private long folderId;

  @BeforeAll
  void vaultWithMessages(@TempDir Path dir) throws Exception {
    byte[] key = TestVaults.randomKey();
    store = TestVaults.store(dir);
    try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
      List<NewMessage> batch = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String raw =
            "From: sender"
                + i
                + "@example.org\r\nTo: me@example.org\r\nX-Mailer: mutt 2\r\nSubject: note "
                + i
                + "\r\nDate: Tue, 05 Mar 2024 10:00:00 +0000\r\n\r\nbody text "
                + i
                + "\r\n";
        batch.add(
            new NewMessage(
                raw.getBytes(StandardCharsets.US_ASCII),
                Flags.NONE,
                Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * i)));
      }
      vault.appendAll("INBOX", batch);
      c = TestVaults.rawConnection(store, "v", key);
      // the index follows the appends in the background (docs/adr/0220)
      long top = c.queryLong("SELECT max(id) FROM contents").orElseThrow();
      await().atMost(Duration.ofMinutes(1)).until(() -> TextIndex.indexedThrough(c) == top);
    }
    folderId = c.queryLong("SELECT id FROM folders WHERE name = 'INBOX'").orElseThrow();
  }

  @AfterAll
  void close() {
    c.close();
    store.close();
  }

  static Stream<Arguments> keys() {
    LocalDate day = LocalDate.of(2024, 3, 5);
    return Stream.of(
        Arguments.of(new SearchQuery.All(), "messages_folder_"),
        Arguments.of(new SearchQuery.Uids(UidSet.of(5, 9)), "messages_folder_"),
        Arguments.of(new SearchQuery.Flag(SystemFlag.SEEN, false), "messages_folder_sync"),
        Arguments.of(new SearchQuery.Keyword("$Junk", true), "messages_folder_sync"),
        Arguments.of(new SearchQuery.Size(true, 100), "messages_folder_sync"),
        Arguments.of(
            new SearchQuery.InternalDate(DateRelation.SINCE, day), "messages_folder_arrival"),
        Arguments.of(new SearchQuery.InternalDate(DateRelation.ON, day), "messages_folder_arrival"),
        Arguments.of(new SearchQuery.ModSeq(2), "messages_folder_modseq"),
        Arguments.of(new SearchQuery.SentDate(DateRelation.ON, day), "messages_folder_sent_day"),
        Arguments.of(
            new SearchQuery.SentDate(DateRelation.BEFORE, day), "messages_folder_sent_day"),
        Arguments.of(new SearchQuery.Header("Subject", "note 12"), "message_words"),
        Arguments.of(new SearchQuery.Header("From", "sender7@"), "message_words"),
        Arguments.of(new SearchQuery.Header("X-Mailer", "mutt"), "message_words"),
        Arguments.of(new SearchQuery.Body("text 12"), "message_words"),
        Arguments.of(new SearchQuery.Text("example"), "message_words"),
        // inside a word: widened to the words of text_terms that hold it
        Arguments.of(new SearchQuery.Text("xampl"), "message_words"),
        Arguments.of(new SearchQuery.Body("ext 12"), "message_words"),
        Arguments.of(
            new SearchQuery.And(
                List.of(
                    new SearchQuery.Text("text 1"),
                    new SearchQuery.InternalDate(DateRelation.SINCE, day))),
            "message_words"),
        Arguments.of(
            new SearchQuery.Or(
                List.of(new SearchQuery.Body("text 1"), new SearchQuery.Header("To", "mple.org"))),
            "message_words"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void theKeyReadsItsIndex(SearchQuery query, String index) throws Exception {
    assertReadsIndex(
        SearchPlan.of(query, TextIndex.unindexedBelow(c), TextIndex.unindexedAbove(c), this::match),
        index);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void whileTheIndexIsBuiltTooTheKeyReadsItsIndex(SearchQuery query, String index)
      throws Exception {
    // contents below 150 are read by scan meanwhile: through messages_content, not the table
    assertReadsIndex(
        SearchPlan.of(query, 150, TextIndex.unindexedAbove(c), this::match),
        index.equals("message_words") ? "messages_content" : index);
  }

  private Optional<String> match(String columns, String needle) throws SQLException {
    return TextIndex.match(c, columns, needle);
  }

  private void assertReadsIndex(SearchPlan plan, String index) throws Exception {
    SearchQuery query = plan.root();
    SearchPlan.Fragment statement = MessageSearch.statement(plan, folderId);
    List<String> steps = new ArrayList<>();
    try (PreparedStatement explain =
            c.prepareOnce("EXPLAIN QUERY PLAN " + statement.sql(), statement.params().toArray());
        ResultSet r = explain.executeQuery()) {
      while (r.next()) {
        steps.add(r.getString("detail"));
      }
    }
    assertThat(steps).as("plan of %s", query).anyMatch(step -> step.contains(index));
    assertThat(steps)
        .as("no step reads the whole messages table")
        .noneMatch(step -> step.equals("SCAN messages") || step.startsWith("SCAN messages "));
  }
}
