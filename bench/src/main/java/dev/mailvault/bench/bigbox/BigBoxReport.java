package dev.mailvault.bench.bigbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The 100,000-message mailbox table (issue 14; docs/adr/0227-bigbox-benchmark.md): one column per
 * server probed, the targets beside them, a search's hit count after its time and a mark where it
 * differs from what the corpus planted.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.mailvault.bench.bigbox.BigBoxReport \
 *     DIR/corpus.properties mailvault.properties dovecot-plain.properties ...
 * </pre>
 */
public final class BigBoxReport {

  private record Row(String step, String title, String target, String expectedKey) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("login", "LOGIN", "< 60 ms", null),
          new Row("select", "SELECT INBOX", "< 20 ms", null),
          new Row("search_body", "UID SEARCH BODY rare word", "< 50 ms", "rare_hits"),
          new Row("search_text", "UID SEARCH TEXT rare word", "< 50 ms", "rare_hits"),
          new Row("search_subject", "UID SEARCH SUBJECT token", "< 100 ms", "subject_hits"),
          new Row("search_from", "UID SEARCH FROM address", "< 100 ms", "from_hits"),
          new Row("search_since", "UID SEARCH SINCE a month ago", "", "since_hits"),
          new Row(
              "fetch_flags.first", "UID FETCH 1:* (UID FLAGS), first response", "streams", null),
          new Row("fetch_flags", "UID FETCH 1:* (UID FLAGS), all", "", "messages"),
          new Row("fetch_envelope", "FETCH newest 50 ENVELOPE", "", null),
          new Row("sort_date", "UID SORT (DATE)", "< 150 ms", "messages"),
          new Row("sort_subject", "UID SORT (SUBJECT)", "< 150 ms", "messages"),
          new Row("sort_from", "UID SORT (FROM)", "< 150 ms", "messages"),
          new Row("thread", "UID THREAD REFERENCES (threads)", "< 300 ms", null),
          new Row("qresync", "QRESYNC after 100 flag changes + 100 expunges", "< 30 ms", null),
          new Row("idle_memory", "Memory per idle IDLE session, INBOX selected", "< 100 KB", null));

  private BigBoxReport() {}

  public static void main(String[] args) throws IOException {
    Properties corpus = BigBoxCorpus.load(Path.of(args[0]));
    List<Properties> columns = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      columns.add(BigBoxCorpus.load(Path.of(args[i])));
    }
    System.out.print(table(corpus, columns));
  }

  static String table(Properties corpus, List<Properties> columns) {
    StringBuilder t = new StringBuilder("| step | target |");
    StringBuilder rule = new StringBuilder("| --- | --- |");
    for (Properties c : columns) {
      t.append(' ').append(c.getProperty("label")).append(" |");
      rule.append(" ---: |");
    }
    t.append('\n').append(rule).append('\n');
    for (Row row : ROWS) {
      t.append("| ").append(title(row, corpus)).append(" | ").append(row.target()).append(" |");
      for (Properties c : columns) {
        t.append(' ').append(cell(row, corpus, c)).append(" |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  private static String title(Row row, Properties corpus) {
    if (row.expectedKey() == null || row.expectedKey().equals("messages")) {
      return row.title();
    }
    return row.title()
        + " ("
        + String.format(Locale.ROOT, "%,d", expected(row, corpus))
        + " planted)";
  }

  private static long expected(Row row, Properties corpus) {
    return Long.parseLong(corpus.getProperty(row.expectedKey()));
  }

  private static String cell(Row row, Properties corpus, Properties c) {
    String status = c.getProperty(row.step() + ".status");
    if (status != null) {
      return status;
    }
    if (row.step().equals("idle_memory")) {
      String bytes = c.getProperty("idle_memory.bytes_per_session");
      return bytes == null
          ? "not measured"
          : String.format(
              Locale.ROOT,
              "%,d KB (%s)",
              Long.parseLong(bytes) / 1024,
              c.getProperty("idle_memory.kind"));
    }
    String ms = c.getProperty(row.step() + "_ms");
    if (ms == null) {
      ms = c.getProperty(row.step() + ".ms");
    }
    if (ms == null) {
      return "not measured";
    }
    String time = millis(Double.parseDouble(ms));
    if (row.step().equals("qresync")) {
      return time
          + " ("
          + c.getProperty("qresync.hits")
          + " FETCH, "
          + c.getProperty("qresync.vanished")
          + " VANISHED)";
    }
    String hits = c.getProperty(row.step() + ".hits");
    if (hits == null) {
      return time;
    }
    long found = Long.parseLong(hits);
    String text = time + String.format(Locale.ROOT, " (%,d)", found);
    if (row.expectedKey() == null) {
      return text;
    }
    long want =
        row.expectedKey().equals("messages")
            ? Long.parseLong(c.getProperty("exists", "0"))
            : expected(row, corpus);
    return found == want ? text : text + " ≠";
  }

  static String millis(double ms) {
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%,.0f ms", ms);
  }
}
