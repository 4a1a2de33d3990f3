package dev.mailvault.bench.bigbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes the 100,000-message mailbox once, as a Maildir that both Mailvault ({@code mailvault
 * import --from maildir}) and Dovecot read, into a cache directory outside the repository, with
 * {@code corpus.properties} beside it: what was planted and how many messages each search must find
 * (docs/adr/0227-bigbox-benchmark.md).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.mailvault.bench.bigbox.BigBoxCorpus \
 *     --out ~/.cache/mailvault-bigbox/corpus [--messages 100000] [--seed 14] \
 *     [--mime /work/shared/testdata/mime]
 * </pre>
 *
 * About 2 % of the messages are the MIME corpus's real-world files (those under 2 MB without NUL
 * bytes), taken in turn; the rest are {@link BigBoxLetters}. Internal dates (the files'
 * modification times) run evenly over the two years up to 2026-11-01; flags follow age: older mail
 * is seen, some answered or flagged, the newest 3 % unseen.
 */
public final class BigBoxCorpus {

  static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(730);
  static final int MAX_SIZE = 2 * 1024 * 1024;
  private static final DateTimeFormatter IMAP_DATE =
      DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);

  private BigBoxCorpus() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    int messages = 100_000;
    long seed = 14;
    Path mime = Path.of("/work/shared/testdata/mime");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[i + 1]);
        case "--messages" -> messages = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--mime" -> mime = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    Path manifest = out.resolve("corpus.properties");
    if (Files.isRegularFile(manifest)) {
      Properties p = load(manifest);
      if (p.getProperty("messages").equals(Integer.toString(messages))
          && p.getProperty("seed").equals(Long.toString(seed))) {
        System.err.println("corpus: cached in " + out);
        return;
      }
      throw new IOException(out + " holds another corpus; remove it first");
    }
    write(out, messages, seed, mime);
  }

  static Properties load(Path manifest) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  private static void write(Path out, int messages, long seed, Path mimeDir) throws IOException {
    Path cur = out.resolve("maildir").resolve("cur");
    Files.createDirectories(cur);
    Files.createDirectories(out.resolve("maildir").resolve("new"));
    Files.createDirectories(out.resolve("maildir").resolve("tmp"));
    List<byte[]> mime = mimeMessages(mimeDir);
    SplittableRandom random = new SplittableRandom(seed);
    BigBoxLetters letters = new BigBoxLetters(random.nextLong());
    Instant start = END.minus(SPAN);
    long step = SPAN.toSeconds() / messages;
    Instant since = END.minus(Duration.ofDays(30));
    byte[] rare = BigBoxLetters.RARE_WORD.getBytes(StandardCharsets.US_ASCII);
    byte[] token = BigBoxLetters.SUBJECT_TOKEN.getBytes(StandardCharsets.US_ASCII);
    byte[] sender = BigBoxLetters.FREQUENT_SENDER.getBytes(StandardCharsets.US_ASCII);
    long bytes = 0;
    int rareHits = 0;
    int subjectHits = 0;
    int fromHits = 0;
    int sinceHits = 0;
    int mimeUsed = 0;
    for (int i = 0; i < messages; i++) {
      Instant received = start.plusSeconds(i * step + random.nextInt((int) step));
      byte[] raw;
      if (!mime.isEmpty() && random.nextInt(100) < 2) {
        raw = mime.get(mimeUsed++ % mime.size());
        // the MIME corpus is not meant to hold these words; count them if it ever does
        rareHits += contains(raw, rare) ? 1 : 0;
        subjectHits += contains(raw, token) ? 1 : 0;
        fromHits += contains(raw, sender) ? 1 : 0;
      } else {
        BigBoxLetters.Letter letter = letters.next(received);
        raw = letter.raw();
        rareHits += letter.rareWord() ? 1 : 0;
        subjectHits += letter.subjectToken() ? 1 : 0;
        fromHits += letter.frequentSender() ? 1 : 0;
      }
      sinceHits += received.isBefore(since) ? 0 : 1;
      String name =
          received.getEpochSecond()
              + ".B"
              + String.format(Locale.ROOT, "%06d", i)
              + ".bigbox,S="
              + raw.length
              + ":2,"
              + flags(i, messages, random);
      Path file = cur.resolve(name);
      try (OutputStream o = Files.newOutputStream(file)) {
        o.write(raw);
      }
      Files.setLastModifiedTime(file, FileTime.from(received));
      bytes += raw.length;
      if ((i + 1) % 10_000 == 0) {
        System.err.printf(Locale.ROOT, "corpus: %,d messages, %,d MB%n", i + 1, bytes >> 20);
      }
    }
    Properties p = new Properties();
    p.setProperty("messages", Integer.toString(messages));
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("bytes", Long.toString(bytes));
    p.setProperty("mime_messages", Integer.toString(mimeUsed));
    p.setProperty("rare_word", BigBoxLetters.RARE_WORD);
    p.setProperty("rare_hits", Integer.toString(rareHits));
    p.setProperty("subject_token", BigBoxLetters.SUBJECT_TOKEN);
    p.setProperty("subject_hits", Integer.toString(subjectHits));
    p.setProperty("from_address", BigBoxLetters.FREQUENT_SENDER);
    p.setProperty("from_hits", Integer.toString(fromHits));
    p.setProperty("since", IMAP_DATE.format(LocalDate.ofInstant(since, ZoneOffset.UTC)));
    p.setProperty("since_hits", Integer.toString(sinceHits));
    try (Writer w = Files.newBufferedWriter(out.resolve("corpus.properties"))) {
      p.store(w, "bigbox corpus (dev.mailvault.bench.bigbox.BigBoxCorpus)");
    }
    System.err.printf(Locale.ROOT, "corpus: %,d messages, %,d bytes in %s%n", messages, bytes, out);
  }

  /** Maildir info flags (sorted letters): the newest 3 % unseen, older mail mostly seen. */
  private static String flags(int i, int messages, SplittableRandom random) {
    StringBuilder f = new StringBuilder(3);
    int roll = random.nextInt(100);
    if (roll < 2) {
      f.append('F');
    }
    if (roll >= 90) {
      f.append('R');
    }
    if (i < messages - messages * 3 / 100 && roll < 97) {
      f.append('S');
    }
    return f.toString();
  }

  private static List<byte[]> mimeMessages(Path dir) throws IOException {
    List<byte[]> list = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      System.err.println("corpus: no MIME corpus at " + dir + "; generated letters only");
      return list;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
        byte[] raw = Files.readAllBytes(f);
        if (raw.length <= MAX_SIZE && !containsNul(raw)) {
          list.add(raw);
        }
      }
    }
    return list;
  }

  private static boolean containsNul(byte[] raw) {
    for (byte b : raw) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  /** Case-insensitive for ASCII letters, as IMAP SEARCH is (RFC 9051 §6.4.4). */
  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (Character.toLowerCase(hay[i + k]) != Character.toLowerCase(needle[k])) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
