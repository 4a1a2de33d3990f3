package dev.mailvault.store;

import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.RegexTarget;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test (never in CI): SEARCH times over a folder of generated letters with and
 * without the full-text index, the append cost and the index's size. Run with {@code
 * -Dmailvault.searchProbe=20000} (the message count); prints a table.
 */
@EnabledIfSystemProperty(named = "mailvault.searchProbe", matches = "\\d+")
class SearchScaleProbe {

  @TempDir Path dir;

  private static final String[] WORDS = words();

  private static String[] words() {
    Random random = new Random(7);
    String[] words = new String[5_000];
    for (int i = 0; i < words.length; i++) {
      StringBuilder w = new StringBuilder();
      int n = 3 + random.nextInt(8);
      for (int k = 0; k < n; k++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    return words;
  }

  private static byte[] letter(Random random, int i) {
    StringBuilder body = new StringBuilder();
    int length = 1_500 + random.nextInt(6_000);
    while (body.length() < length) {
      body.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * 800)]);
      body.append(body.length() % 70 < 8 ? "\r\n" : " ");
    }
    if (i % 1000 == 0) {
      body.append(" quokkaphant ");
    }
    String raw =
        "From: Sender "
            + (i % 97)
            + " <sender"
            + (i % 97)
            + "@example"
            + (i % 13)
            + ".org>\r\nTo: me@example.com\r\nSubject: "
            + WORDS[random.nextInt(WORDS.length)]
            + " "
            + WORDS[random.nextInt(300)]
            + " #"
            + i
            + "\r\nDate: Tue, 05 Mar 2024 10:00:00 +0000\r\nMessage-ID: <"
            + i
            + "@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body
            + "\r\n";
    return raw.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void measure() throws Exception {
    int count = Integer.parseInt(System.getProperty("mailvault.searchProbe"));
    byte[] key = TestVaults.randomKey();
    Random random = new Random(1);
    List<String> report =
        new ArrayList<>() {
          @Override
          public boolean add(String line) {
            System.out.println("PROBE " + line);
            return super.add(line);
          }
        };
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i += 100) {
          List<NewMessage> batch = new ArrayList<>();
          for (int k = i; k < Math.min(count, i + 100); k++) {
            batch.add(
                new NewMessage(
                    letter(random, k), Flags.NONE, Instant.parse("2024-01-01T00:00:00Z")));
          }
          vault.appendAll("INBOX", batch);
        }
        report.add(
            String.format(
                "append %d in batches of 100: %.0f messages/s",
                count, count / ((System.nanoTime() - start) / 1e9)));
        long[] single = new long[200];
        for (int i = 0; i < single.length; i++) {
          byte[] raw = letter(random, count + i);
          long t = System.nanoTime();
          vault.append("INBOX", new NewMessage(raw, Flags.NONE, Instant.now()));
          single[i] = System.nanoTime() - t;
        }
        Arrays.sort(single);
        report.add(String.format("single append median: %.2f ms", single[100] / 1e6));
        long indexing = System.nanoTime();
        try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
          long top = c.queryLong("SELECT max(id) FROM contents").orElseThrow();
          await()
              .atMost(Duration.ofMinutes(30))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> TextIndex.indexedThrough(c) == top);
        }
        report.add(
            String.format(
                "index caught up %.1f s after the last append",
                (System.nanoTime() - indexing) / 1e9));
        measureSearches(vault, report, "index");
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        c.execute("VACUUM");
        long pages = c.queryLong("PRAGMA page_count").orElseThrow();
        long size = c.queryLong("PRAGMA page_size").orElseThrow();
        long text = c.queryLong("SELECT sum(length(text)) FROM message_text").orElseThrow();
        long terms = c.queryLong("SELECT count(*) FROM text_terms").orElseThrow();
        report.add(
            String.format(
                "vault %.1f MB after VACUUM, of which the stored text %.1f MB (compressed);"
                    + " %d distinct terms",
                pages * size / 1e6, text / 1e6, terms));
        // Without the index: empty it and compact, as migration 0011 leaves an older vault, for
        // the background build below.
        c.execute("DELETE FROM message_text");
        c.execute("INSERT INTO message_words(message_words) VALUES ('delete-all')");
        c.execute("DELETE FROM text_terms");
        c.execute("INSERT INTO text_term_trigrams(text_term_trigrams) VALUES ('delete-all')");
        c.execute("VACUUM");
        report.add(
            String.format(
                "vault without the index: %.1f MB",
                c.queryLong("PRAGMA page_count").orElseThrow() * size / 1e6));
        long top = c.queryLong("SELECT max(id) + 1 FROM contents").orElseThrow();
        c.execute("UPDATE vault_meta SET value = " + top + " WHERE key = 'text_index_below'");
        TextIndex.setIndexedThrough(c, top - 1);
      }
      long opened = System.nanoTime();
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED);
          VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        report.add(
            String.format(
                "open with the build pending: %.1f ms", (System.nanoTime() - opened) / 1e6));
        measureSearches(vault, report, "no index (scan)");
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> TextIndex.unindexedBelow(c) == 0);
        report.add(
            String.format(
                "background build: %.0f contents/s (including the scans above)",
                count / ((System.nanoTime() - opened) / 1e9)));
        measureSearches(vault, report, "index rebuilt");
      }
    }
  }

  private static void measureSearches(Vault vault, List<String> report, String label)
      throws Exception {
    time(vault, report, label, "TEXT quokkaphant", new SearchQuery.Text("quokkaphant"));
    time(vault, report, label, "BODY quokkaphant", new SearchQuery.Body("quokkaphant"));
    time(
        vault, report, label, "FROM sender42@", new SearchQuery.Header("From", "sender42@example"));
    time(vault, report, label, "SUBJECT #1234", new SearchQuery.Header("Subject", "#1234"));
    time(
        vault,
        report,
        label,
        "HEADER Message-ID 777@",
        new SearchQuery.Header("Message-ID", "<777@"));
    time(vault, report, label, "BODY 'zq' (2 chars: scan)", new SearchQuery.Body("zq"));
    time(
        vault,
        report,
        label,
        "X-REGEX SUBJECT ^q.*z$",
        new SearchQuery.Regex(RegexTarget.HEADER, "Subject", "^q\\w*z "));
  }

  private static void time(
      Vault vault, List<String> report, String label, String name, SearchQuery query)
      throws Exception {
    long[] times = new long[5];
    int hits = 0;
    for (int i = 0; i < times.length; i++) {
      long t = System.nanoTime();
      hits = vault.search("INBOX", query).length;
      times[i] = System.nanoTime() - t;
    }
    Arrays.sort(times);
    report.add(String.format("%-16s %-28s %6d hits %9.1f ms", label, name, hits, times[2] / 1e6));
  }
}
