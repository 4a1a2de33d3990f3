package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.SortCriterion.Key;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SORT and THREAD keys of vault schema 9: stored with each message, copied with it, computed
 * for rows stored before the schema, and read through the indexes made for them.
 */
class SortKeysStoreTest {

  @TempDir Path dir;

  private static NewMessage message(
      String from, String to, String subject, String date, String id, String extra, int day) {
    String raw =
        "From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: "
            + subject
            + "\r\n"
            + (date == null ? "" : "Date: " + date + "\r\n")
            + "Message-ID: "
            + id
            + "\r\n"
            + extra
            + "\r\nbody"
            + "!".repeat(day)
            + "\r\n";
    return new NewMessage(
        raw.getBytes(StandardCharsets.UTF_8),
        Flags.NONE,
        Instant.parse(String.format("2024-01-%02dT12:00:00Z", day)));
  }

  private static void fill(Vault vault) throws Exception {
    vault.append(
        "INBOX",
        message(
            "\"Zed\" <carol@x.test>",
            "bob@x.test",
            "Plans",
            "Sat, 3 Feb 2024 10:00:00 +0000",
            "<a@x.test>",
            "",
            1));
    vault.append(
        "INBOX",
        message(
            "alice@x.test",
            "=?utf-8?q?=C3=85sa?= <dave@x.test>",
            "Re: plans",
            "Sun, 4 Feb 2024 10:00:00 +0100",
            "<b@x.test>",
            "References: <a@x.test>\r\n",
            2));
    vault.append(
        "INBOX",
        message(
            "Bob <bob@x.test>",
            "carol@x.test",
            "[list] Budget",
            "Thu, 1 Feb 2024 10:00:00 +0000",
            "<c@x.test>",
            "",
            3));
    vault.append(
        "INBOX",
        message(
            "dave@x.test",
            "alice@x.test",
            "Fwd: Re: plans",
            "Mon, 5 Feb 2024 10:00:00 +0000",
            "<d@x.test>",
            "In-Reply-To: <b@x.test>\r\n",
            4));
  }

  @Test
  void keysAreStoredAtAppendAndCopiedWithTheMessage() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        fill(vault);
        vault.createFolder("Kept", null);
        vault.copy("INBOX", UidSet.of(2), "Kept");
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(row(c, "INBOX", 2))
            .containsExactly(
                "2024-02-04T09:00:00Z",
                "PLANS",
                "1",
                "ALICE",
                "DAVE",
                "",
                "ALICE@X.TEST",
                "A\u030aSA",
                "b@x.test",
                "a@x.test");
        assertThat(row(c, "INBOX", 4).get(9)).as("In-Reply-To stands in").isEqualTo("b@x.test");
        assertThat(row(c, "Kept", 1)).isEqualTo(row(c, "INBOX", 2));
      }
    }
  }

  @Test
  void sortsByEveryKeyAndKeepsMailboxOrderOnTies() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("v", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      fill(vault);
      assertThat(sort(vault, Key.DATE, false)).containsExactly(3, 1, 2, 4);
      assertThat(sort(vault, Key.DATE, true)).containsExactly(4, 2, 1, 3);
      assertThat(sort(vault, Key.SUBJECT, false)).containsExactly(3, 1, 2, 4);
      assertThat(sort(vault, Key.FROM, false)).containsExactly(2, 3, 1, 4);
      assertThat(sort(vault, Key.TO, false)).containsExactly(4, 1, 3, 2);
      assertThat(sort(vault, Key.CC, false)).containsExactly(1, 2, 3, 4);
      assertThat(sort(vault, Key.CC, true)).containsExactly(1, 2, 3, 4);
      assertThat(sort(vault, Key.ARRIVAL, true)).containsExactly(4, 3, 2, 1);
      long[] bySize =
          vault.messages("INBOX", UidSet.of(1, 2, 3, 4)).stream()
              .sorted(
                  java.util.Comparator.comparingLong(dev.mailvault.core.access.MessageMeta::size)
                      .reversed())
              .mapToLong(dev.mailvault.core.access.MessageMeta::uid)
              .toArray();
      assertThat(sort(vault, Key.SIZE, true)).containsExactly(bySize);
      assertThat(sort(vault, Key.DISPLAYFROM, false)).containsExactly(2, 3, 4, 1);
      assertThat(sort(vault, Key.DISPLAYTO, false)).containsExactly(4, 2, 1, 3);
      vault.storeFlags(
          "INBOX",
          UidSet.of(1, 3),
          dev.mailvault.core.access.FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
      assertThat(
              vault.sort(
                  "INBOX",
                  List.of(new SortCriterion(Key.SUBJECT, true), new SortCriterion(Key.DATE, false)),
                  new SearchQuery.Flag(SystemFlag.SEEN, false)))
          .containsExactly(2, 4);
    }
  }

  @Test
  void threadsFromTheStoredLinks() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("v", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      fill(vault);
      List<MessageThread> threads =
          vault.thread("INBOX", ThreadAlgorithm.REFERENCES, new SearchQuery.All());
      assertThat(threads).hasSize(2);
      assertThat(threads.get(0).uid()).isEqualTo(3);
      MessageThread plans = threads.get(1);
      assertThat(plans.uid()).isEqualTo(1);
      assertThat(plans.children().get(0).uid()).isEqualTo(2);
      assertThat(plans.children().get(0).children().get(0).uid()).isEqualTo(4);
      assertThat(vault.thread("INBOX", ThreadAlgorithm.ORDEREDSUBJECT, new SearchQuery.All()))
          .extracting(MessageThread::uid)
          .containsExactly(3L, 1L);
    }
  }

  /** Rows stored before schema 9 get their keys at the folder's first SORT, in chunks. */
  @Test
  void rowsStoredBeforeTheSchemaGetTheirKeysWhenFirstSorted() throws Exception {
    byte[] key = TestVaults.randomKey();
    Random random = new Random(9);
    int count = SortColumns.BACKFILL_CHUNK + 37;
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          batch.add(
              message(
                  "u" + random.nextInt(1000) + "@x.test",
                  "t@x.test",
                  "s" + random.nextInt(50),
                  null,
                  "<m" + i + "@x.test>",
                  "",
                  1 + random.nextInt(28)));
        }
        vault.appendAll("INBOX", batch);
        expected =
            vault.sort("INBOX", List.of(new SortCriterion(Key.FROM, false)), new SearchQuery.All());
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        c.execute(
            "UPDATE messages SET sort_date = NULL, sort_subject = NULL, subject_reply = NULL,"
                + " sort_from = NULL, sort_to = NULL, sort_cc = NULL, display_from = NULL,"
                + " display_to = NULL, thread_id = NULL, thread_refs = NULL");
        assertThat(SortColumns.pending(c, 1)).isTrue();
      }
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED)) {
        assertThat(
                vault.sort(
                    "INBOX", List.of(new SortCriterion(Key.FROM, false)), new SearchQuery.All()))
            .containsExactly(expected);
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(SortColumns.pending(c, 1)).isFalse();
        assertThat(
                c.queryLong("SELECT count(*) FROM messages WHERE sort_from IS NULL").orElseThrow())
            .isZero();
      }
    }
  }

  private long[] expected;

  /** Every sort key reads an index of schema 9, never the wide rows (EXPLAIN QUERY PLAN). */
  @ParameterizedTest
  @EnumSource(Key.class)
  void everySortKeyReadsAnIndex(Key sortKey) throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        fill(vault);
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        for (boolean reverse : new boolean[] {false, true}) {
          String plan =
              plan(c, MessageSorting.sortSql(List.of(new SortCriterion(sortKey, reverse))));
          assertThat(plan).contains("USING COVERING INDEX messages_folder_sort_");
          if (!reverse && List.of(Key.DATE, Key.SUBJECT, Key.FROM).contains(sortKey)) {
            assertThat(plan)
                .as("read in order, not sorted afterwards")
                .doesNotContain("TEMP B-TREE");
          }
        }
        assertThat(plan(c, MessageSorting.THREAD_SQL))
            .contains("USING COVERING INDEX messages_folder_sort_keys")
            .doesNotContain("TEMP B-TREE");
        assertThat(
                plan(c, "SELECT 1 FROM messages WHERE folder_id = ? AND sort_date IS NULL LIMIT 1"))
            .contains("COVERING INDEX messages_folder_sort_date");
      }
    }
  }

  private static long[] sort(Vault vault, Key key, boolean reverse) throws Exception {
    return vault.sort("INBOX", List.of(new SortCriterion(key, reverse)), new SearchQuery.All());
  }

  private static List<String> row(VaultConnection c, String folder, long uid) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet r =
        c.bind(
                "SELECT sort_date, sort_subject, subject_reply, sort_from, sort_to, sort_cc,"
                    + " display_from, display_to, thread_id, thread_refs FROM messages m"
                    + " JOIN folders f ON f.id = m.folder_id WHERE f.name = ? AND m.uid = ?",
                folder,
                uid)
            .executeQuery()) {
      assertThat(r.next()).isTrue();
      for (int i = 1; i <= 10; i++) {
        values.add(r.getString(i));
      }
    }
    return values;
  }

  private static String plan(VaultConnection c, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = c.bind("EXPLAIN QUERY PLAN " + sql, 1).executeQuery()) {
      while (rows.next()) {
        plan.append(rows.getString("detail")).append('\n');
      }
    }
    return plan.toString();
  }
}
