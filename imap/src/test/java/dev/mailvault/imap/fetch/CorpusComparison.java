package dev.mailvault.imap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.mime.BodyNormalizer;
import dev.mailvault.core.mime.ExpectedResponses;
import dev.mailvault.core.mime.MimeCorpus;
import dev.mailvault.core.mime.SExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The golden corpus (core/src/test/resources/mime-corpus, README there) and its comparison rules,
 * shared by the tests that replay it: each recorded {@code UID FETCH} is handed to an {@link
 * Answerer} (the renderer directly, or a live server over a socket) and its answer is compared item
 * by item with the reference server's. Only the answers in {@link #DEVIATIONS} may differ, each for
 * a reason in docs/rfc-status.md; every other difference fails, and so does a listed deviation that
 * matches.
 */
public final class CorpusComparison {

  record Deviation(String file, String item, String reason) {}

  /**
   * What the server under test answered to one recorded command.
   *
   * @param status the tagged status word and its response code, as the README's {@code T:} lines
   *     keep them ({@code OK}, {@code NO [UNKNOWN-CTE]})
   * @param fetchResponses every untagged {@code * n FETCH} response as sent, CRLF included
   */
  public record Answer(String status, List<byte[]> fetchResponses) {}

  /** Answers a recorded command for one message. */
  @FunctionalInterface
  public interface Answerer {
    /**
     * @param uid the message's UID in the server under test
     * @param items the recorded command after {@code UID FETCH 1 }, e.g. {@code (BINARY.SIZE[1])}
     * @param expectation false where the README says the block carries no expectation (the
     *     reference dropped the connection): the answer is not compared
     */
    Answer answer(long uid, String items, boolean expectation) throws Exception;
  }

  private static final String BARE_LF =
      "ADR 0011: stored byte-exact; the reference server counts and sends bare LF as CRLF";
  private static final String LITERAL8 =
      "ADR 0011: stored byte-exact; the reference server re-encoded the literal8 APPEND to base64";
  private static final String MULTIPART_BINARY =
      "ADR 0066: BINARY of a multipart part is its body as stored; the reference decodes inside";
  private static final String FIRST_CTE =
      "ADR 0066: BINARY decodes by the encoding BODYSTRUCTURE reports (the first field);"
          + " the reference decodes by the last";
  private static final String ENCODED_MESSAGE =
      "ADR 0066: BINARY[1] of a base64 message/rfc822 decodes BODY[1];"
          + " the reference answers 0 bytes, against its own BODY[1]";
  private static final String LENIENT_QP =
      "ADR 0066: broken quoted-printable is decoded leniently; the reference answers NO [PARSE]";

  static final List<Deviation> DEVIATIONS =
      List.of(
          new Deviation("gen-mixed-line-endings", "RFC822.SIZE", BARE_LF),
          new Deviation("gen-mixed-line-endings", "BODYSTRUCTURE", BARE_LF),
          new Deviation("gen-mixed-line-endings", "BODY", BARE_LF),
          new Deviation("gen-mixed-line-endings", "BODY[TEXT]", BARE_LF),
          new Deviation("gen-mixed-line-endings", "BODY[1]", BARE_LF),
          new Deviation("gen-binary-nul", "RFC822.SIZE", LITERAL8),
          new Deviation("gen-binary-nul", "BODYSTRUCTURE", LITERAL8),
          new Deviation("gen-binary-nul", "BODY", LITERAL8),
          new Deviation("gen-binary-nul", "BODY[HEADER]", LITERAL8),
          new Deviation("gen-binary-nul", "BODY[TEXT]", LITERAL8),
          new Deviation("gen-binary-nul", "BODY[1]", LITERAL8),
          new Deviation("gen-binary-nul", "BODY[1.MIME]", LITERAL8),
          new Deviation("gen-mixed-line-endings", "BINARY.SIZE[1]", BARE_LF),
          new Deviation("gen-duplicate-headers", "BINARY.SIZE[1]", FIRST_CTE),
          new Deviation("mime4j-base64encoded-rfc822message", "BINARY.SIZE[1]", ENCODED_MESSAGE),
          new Deviation(
              "mime4j-base64encoded-rfc822message-nested", "BINARY.SIZE[1]", ENCODED_MESSAGE),
          new Deviation(
              "mime4j-bad-newlines-multiple-parts-base64", "BINARY.SIZE[1]", ENCODED_MESSAGE),
          new Deviation("cpython-msg_15", "status of (BINARY.SIZE[1])", LENIENT_QP),
          new Deviation("gen-nested-mixed-alt-related", "BINARY.SIZE[1]", MULTIPART_BINARY),
          new Deviation("gen-text-calendar", "BINARY.SIZE[1]", MULTIPART_BINARY),
          new Deviation("mailparser-mixed", "BINARY.SIZE[1]", MULTIPART_BINARY),
          new Deviation("mailparser-nested", "BINARY.SIZE[1]", MULTIPART_BINARY),
          new Deviation("mailparser-nodemailer", "BINARY.SIZE[1]", MULTIPART_BINARY),
          new Deviation("mimekit-smime-thunderbird-signed", "BINARY.SIZE[1]", MULTIPART_BINARY));

  /** The recorded UID is always 1; the answer's UID is checked against the server's own. */
  private static final Set<String> NOT_COMPARED = Set.of("UID");

  private static final String RECORDED_PREFIX = "UID FETCH 1 ";

  private final AtomicInteger matched = new AtomicInteger();
  private final AtomicInteger deviated = new AtomicInteger();

  /** The corpus's message names (file names without {@code .eml}), sorted. */
  public static Stream<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".eml"))
          .map(name -> name.substring(0, name.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** The message as the reference server received it in its APPEND. */
  public static byte[] message(String name) throws IOException {
    return Files.readAllBytes(dir().resolve(name + ".eml"));
  }

  static Path dir() {
    return MimeCorpus.directory();
  }

  public int matched() {
    return matched.get();
  }

  public int deviated() {
    return deviated.get();
  }

  /**
   * Replays every recorded command of one message through {@code answerer} and compares.
   *
   * @param uid the message's UID in the server under test
   * @return the differences not listed as deviations, and listed deviations that match; empty when
   *     the answers are the reference's
   */
  public List<String> check(String name, long uid, Answerer answerer) throws Exception {
    ExpectedResponses expected = ExpectedResponses.read(dir().resolve(name + ".expected"));
    List<String> allowed = new ArrayList<>();
    for (Deviation d : DEVIATIONS) {
      if (d.file().equals(name)) {
        allowed.add(d.item());
      }
    }
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (ExpectedResponses.Block block : expected.blocks()) {
      assertThat(block.command()).startsWith(RECORDED_PREFIX);
      String items = block.command().substring(RECORDED_PREFIX.length());
      Answer answer = answerer.answer(uid, items, !block.disconnected());
      if (block.disconnected()) {
        continue; // the README: such a block carries no expectation
      }
      compared++;
      String statusItem = "status of " + items;
      record(
          failures,
          allowed,
          statusItem,
          answer.status().equals(block.status())
              ? null
              : "expected " + block.status() + ", got " + answer.status());
      if (!block.status().equals("OK") || !answer.status().equals("OK")) {
        continue;
      }
      Map<String, SExpr> answered = new HashMap<>();
      for (byte[] response : answer.fetchResponses()) {
        answered.putAll(itemsOf(response));
      }
      assertThat(answered.get("UID")).as(name + " " + items).isEqualTo(new SExpr.Atom("" + uid));
      // The corpus commands all PEEK: nothing sets \Seen, so no FLAGS come with the answer.
      assertThat(answered).as(name + " " + items).doesNotContainKey("FLAGS");
      assertThat(answered.keySet()).as(name + " " + items).containsAll(block.items().keySet());
      for (Map.Entry<String, SExpr> item : block.items().entrySet()) {
        if (NOT_COMPARED.contains(item.getKey())) {
          continue;
        }
        compared++;
        String difference = compare(item.getKey(), item.getValue(), answered.get(item.getKey()));
        record(failures, allowed, item.getKey(), difference);
      }
    }
    assertThat(compared).as("items compared").isGreaterThan(5);
    assertThat(allowed).as("deviations listed for items never fetched").isEmpty();
    return failures;
  }

  private void record(List<String> failures, List<String> allowed, String item, String difference) {
    boolean isAllowed = allowed.remove(item);
    if (difference == null) {
      if (isAllowed) {
        failures.add(item + ": listed as a deviation but matches; remove it");
      }
      matched.incrementAndGet();
    } else if (isAllowed) {
      deviated.incrementAndGet();
    } else {
      failures.add(item + ": " + difference);
    }
  }

  /** The items of one {@code * n FETCH (...)} response as sent, by name upper-cased. */
  static Map<String, SExpr> itemsOf(byte[] response) {
    String text = new String(response, ISO_8859_1);
    Matcher m = Pattern.compile("^\\* \\d+ FETCH ").matcher(text);
    assertThat(m.find()).as("a FETCH response: " + text).isTrue();
    assertThat(text).endsWith(")\r\n");
    SExpr.Reader reader = new SExpr.Reader(response, List.of());
    reader.pos = m.end();
    List<SExpr> values = ((SExpr.ListExpr) reader.read()).items();
    assertThat(reader.pos).as("one response, then CRLF").isEqualTo(response.length - 2);
    Map<String, SExpr> items = new HashMap<>();
    for (int i = 0; i + 1 < values.size(); i += 2) {
      String name = ((SExpr.Atom) values.get(i)).text().toUpperCase(Locale.ROOT);
      items.put(name, values.get(i + 1));
    }
    return items;
  }

  private static String compare(String item, SExpr expected, SExpr actual) throws Exception {
    if (item.equals("BODYSTRUCTURE") || item.equals("BODY")) {
      return compareExpr(BodyNormalizer.normalize(expected), BodyNormalizer.normalize(actual));
    }
    if (item.startsWith("BODY[")) {
      return compareBytes(expected, ((SExpr.Str) actual).bytes());
    }
    // ENVELOPE as parsed data; RFC822.SIZE and BINARY.SIZE as numbers (atoms).
    return compareExpr(expected, actual);
  }

  private static String compareExpr(SExpr expected, SExpr actual) {
    return expected.equals(actual) ? null : "\n  expected " + expected + "\n  actual   " + actual;
  }

  private static String compareBytes(SExpr expected, byte[] actual) throws Exception {
    if (expected instanceof SExpr.Omitted omitted) {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(actual));
      return omitted.size() == actual.length && omitted.sha256().equals(sha)
          ? null
          : "expected " + omitted.size() + " bytes, got " + actual.length + " bytes sha256:" + sha;
    }
    byte[] want = ((SExpr.Str) expected).bytes();
    return Arrays.equals(want, actual)
        ? null
        : "\n  expected "
            + new String(want, ISO_8859_1)
            + "\n  actual   "
            + new String(actual, ISO_8859_1);
  }
}
