package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser runs on every append and must never fail: seeded random mutations of the corpus
 * messages, and hand-made pathological inputs, all parse into a well-formed result.
 */
class ParserRobustnessTest {

  private static final long SEED = 5322;
  private static final int MUTATIONS = 4000;
  private static final int MAX_SOURCE_SIZE = 64 * 1024;

  private static final byte[][] FRAGMENTS = {
    "\r\n".getBytes(StandardCharsets.US_ASCII),
    "\n".getBytes(StandardCharsets.US_ASCII),
    "\r".getBytes(StandardCharsets.US_ASCII),
    {0},
    "--".getBytes(StandardCharsets.US_ASCII),
    "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
    "Content-Type: multipart/mixed; boundary=x\r\n".getBytes(StandardCharsets.US_ASCII),
    "Content-Type: message/rfc822\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
    "\r\n--x\r\n".getBytes(StandardCharsets.US_ASCII),
    "\r\n--x--\r\n".getBytes(StandardCharsets.US_ASCII),
    "=?utf-8?B?".getBytes(StandardCharsets.US_ASCII),
    "\"".getBytes(StandardCharsets.US_ASCII),
    "(".getBytes(StandardCharsets.US_ASCII),
    "<".getBytes(StandardCharsets.US_ASCII),
    "\\".getBytes(StandardCharsets.US_ASCII),
    ";name*0*=utf-8''%E2;name*1=".getBytes(StandardCharsets.US_ASCII),
    {(byte) 0xff, (byte) 0xfe, (byte) 0x80},
  };

  @Test
  void mutatedCorpusMessagesAlwaysParseWellFormed() throws IOException {
    List<byte[]> sources = new ArrayList<>();
    for (String name : GoldenCorpusTest.corpus().toList()) {
      byte[] raw = Files.readAllBytes(GoldenCorpusTest.corpusDir().resolve(name + ".eml"));
      if (raw.length <= MAX_SOURCE_SIZE) {
        sources.add(raw);
      }
    }
    Random random = new Random(SEED);
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] mutated = mutate(sources.get(random.nextInt(sources.size())), random);
      checkWellFormed(mutated, "mutation " + i);
    }
  }

  @Test
  void pathologicalInputs() throws Exception {
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add(new byte[] {0});
    inputs.add(new byte[] {'\r'});
    inputs.add(new byte[] {'\n'});
    inputs.add("\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    inputs.add("no header separator at all".getBytes(StandardCharsets.US_ASCII));
    inputs.add(new byte[10_000]);
    inputs.add("Subject: x".getBytes(StandardCharsets.US_ASCII));
    inputs.add(":\r\n:\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    inputs.add(
        "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n----\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    inputs.add(
        ("From: " + "(".repeat(5000) + "\r\nTo: " + "\"".repeat(5001) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    inputs.add(("To: " + "a@b, ".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    inputs.add(
        ("Subject: " + "=?utf-8?q?".repeat(100_000) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    inputs.add(
        ("Content-Type: text/html\r\n\r\n" + "<style".repeat(100_000) + "<".repeat(100_000))
            .getBytes(StandardCharsets.US_ASCII));
    inputs.add(("Date: " + "1 ".repeat(100_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    inputs.add(nestedMultiparts(5000));
    inputs.add(nestedMessages(5000));
    inputs.add(manyParts(12_000));
    for (int i = 0; i < inputs.size(); i++) {
      checkWellFormed(inputs.get(i), "input " + i);
    }
  }

  @Test
  void nestingStopsAtTheLimitAndKeepsTheRestAsBody() {
    byte[] raw = nestedMultiparts(150);
    ParsedMessage parsed = MessageParser.parse(raw);
    int depth = 0;
    MimePart part = parsed.root();
    while (!part.children().isEmpty()) {
      part = part.children().get(0);
      depth++;
    }
    assertThat(depth).isEqualTo(StructureScanner.MAX_NESTING - 1);
    assertThat(part.end()).isEqualTo(raw.length);
  }

  // Found by MimeParserFuzzTest: each empty member of an address list rendered a placeholder.
  @Test
  void addressCountIsBounded() {
    byte[] raw =
        ("To: " + ",".repeat(1_000_000) + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);
    ParsedMessage parsed = MessageParser.parse(raw);
    assertThat(parsed.envelope().length())
        .isLessThan(AddressParser.MAX_ADDRESSES * 64 + 1024)
        .isGreaterThan(AddressParser.MAX_ADDRESSES * 16);
  }

  @Test
  void partCountIsBounded() {
    ParsedMessage parsed = MessageParser.parse(manyParts(12_000));
    assertThat(parsed.root().children()).hasSize(StructureScanner.MAX_PARTS - 1);
  }

  private static byte[] nestedMultiparts(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      // "b<i>z": no boundary is a prefix of another (delimiters match by prefix).
      sb.append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("z\r\n\r\n--b")
          .append(i)
          .append("z\r\n");
    }
    sb.append("\r\ninnermost\r\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] nestedMessages(int depth) {
    return ("Content-Type: message/rfc822\r\n\r\n".repeat(depth) + "Subject: deep\r\n\r\nx\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] manyParts(int count) {
    StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
    for (int i = 0; i < count; i++) {
      sb.append("--p\r\n\r\n").append(i).append("\r\n");
    }
    return sb.append("--p--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] mutate(byte[] source, Random random) {
    byte[] data = source.clone();
    int operations = 1 + random.nextInt(4);
    for (int k = 0; k < operations; k++) {
      int n = data.length;
      int at = n == 0 ? 0 : random.nextInt(n + 1);
      switch (random.nextInt(6)) {
        case 0 -> { // flip bytes
          for (int j = 0; j < 1 + random.nextInt(8) && n > 0; j++) {
            data[random.nextInt(n)] = (byte) random.nextInt(256);
          }
        }
        case 1 -> data = splice(data, at, at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 2 -> data = splice(data, at, Math.min(n, at + random.nextInt(200)), new byte[0]);
        case 3 -> data = java.util.Arrays.copyOf(data, at);
        case 4 -> { // duplicate a range somewhere else
          int from = n == 0 ? 0 : random.nextInt(n);
          int to = Math.min(n, from + random.nextInt(500));
          data = splice(data, at, at, java.util.Arrays.copyOfRange(data, from, to));
        }
        default -> { // replace line breaks with bare LF or bare CR
          byte replacement = random.nextBoolean() ? (byte) '\n' : (byte) '\r';
          for (int j = 0; j + 1 < data.length; j++) {
            if (data[j] == '\r' && data[j + 1] == '\n' && random.nextInt(3) == 0) {
              data[j] = replacement;
            }
          }
        }
      }
    }
    return data;
  }

  private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
    byte[] out = new byte[data.length - (to - from) + insert.length];
    System.arraycopy(data, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(data, to, out, from + insert.length, data.length - to);
    return out;
  }

  /** Shared with {@link MimeParserFuzzTest}: what every parse result must satisfy. */
  static void checkWellFormed(byte[] raw, String what) {
    ParsedMessage parsed;
    try {
      parsed = MessageParser.parse(raw);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(what + " made the parser throw", e);
    }
    assertThat(parsed.size()).as(what).isEqualTo(raw.length);
    checkPart(parsed.root(), 0, raw.length, what);
    assertThat(parsed.root().headerStart()).as(what).isZero();
    assertThat(parsed.root().end()).as(what).isEqualTo(raw.length);
    assertThat(SExpr.parse(parsed.envelope())).as(what).isInstanceOf(SExpr.ListExpr.class);
    assertThat(((SExpr.ListExpr) SExpr.parse(parsed.envelope())).items()).as(what).hasSize(10);
    assertThat(SExpr.parse(parsed.body())).as(what).isInstanceOf(SExpr.ListExpr.class);
    assertThat(SExpr.parse(parsed.bodyStructure())).as(what).isInstanceOf(SExpr.ListExpr.class);
    assertThat(MimePartCodec.decode(MimePartCodec.encode(parsed.root())))
        .as(what)
        .isEqualTo(parsed.root());
    try {
      for (String section :
          List.of(
              "",
              "HEADER",
              "TEXT",
              "1",
              "1.MIME",
              "2",
              "1.1",
              "2.TEXT",
              "HEADER.FIELDS (FROM TO)")) {
        SectionReader.read(parsed.root(), ByteSource.of(raw), section);
      }
    } catch (IOException | InvalidSectionException e) {
      throw new AssertionError(what, e);
    }
  }

  private static void checkPart(MimePart part, long from, long to, String what) {
    assertThat(part.headerStart()).as(what).isBetween(from, to);
    assertThat(part.bodyStart()).as(what).isBetween(part.headerStart(), to);
    assertThat(part.end()).as(what).isBetween(part.bodyStart(), to);
    long previousEnd = part.bodyStart();
    for (MimePart child : part.children()) {
      checkPart(child, previousEnd, part.end(), what);
      previousEnd = child.end();
    }
    if (part.message() != null) {
      assertThat(part.children()).as(what).isEmpty();
      checkPart(part.message(), part.bodyStart(), part.end(), what);
    }
  }
}
