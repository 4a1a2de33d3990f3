package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the parser with the answers of the reference server recorded in the golden corpus
 * (core/src/test/resources/mime-corpus, README there): RFC822.SIZE, ENVELOPE, BODYSTRUCTURE, BODY
 * and the sections fetched, per the README's comparison rules. Only the answers listed in {@link
 * #DEVIATIONS} may differ, each for a reason recorded in docs/rfc-status.md; every other difference
 * fails.
 */
class GoldenCorpusTest {

  /** A difference we choose to keep: the corpus file, the FETCH item, and why. */
  record Deviation(String file, String item, String reason) {}

  private static final String BARE_LF =
      "ADR 0011: stored byte-exact; the reference server counts and sends bare LF as CRLF";
  private static final String LITERAL8 =
      "ADR 0011: stored byte-exact; the reference server re-encoded the literal8 APPEND to base64";

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
          new Deviation("gen-binary-nul", "BODY[1.MIME]", LITERAL8));

  private static final Set<String> COMPARED =
      Set.of(
          "RFC822.SIZE",
          "ENVELOPE",
          "BODYSTRUCTURE",
          "BODY",
          "BODY[HEADER]",
          "BODY[TEXT]",
          "BODY[1]",
          "BODY[1.MIME]",
          "BODY[HEADER.FIELDS (FROM TO SUBJECT DATE)]",
          "BODY[2]",
          "BODY[1.1]");

  private static final AtomicInteger MATCHED = new AtomicInteger();
  private static final AtomicInteger DEVIATED = new AtomicInteger();

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(corpusDir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".eml"))
          .map(name -> name.substring(0, name.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Path corpusDir() {
    return MimeCorpus.directory();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersAsTheReferenceServer(String name) throws Exception {
    byte[] raw = Files.readAllBytes(corpusDir().resolve(name + ".eml"));
    ExpectedResponses expected = ExpectedResponses.read(corpusDir().resolve(name + ".expected"));
    ParsedMessage parsed = MessageParser.parse(raw);
    List<String> failures = new ArrayList<>();
    List<String> unusedDeviations = new ArrayList<>();
    for (Deviation d : DEVIATIONS) {
      if (d.file().equals(name)) {
        unusedDeviations.add(d.item());
      }
    }
    int compared = 0;
    for (ExpectedResponses.Block block : expected.blocks()) {
      if (block.disconnected()) {
        continue; // the README: such a block carries no expectation
      }
      for (Map.Entry<String, SExpr> item : block.items().entrySet()) {
        if (!COMPARED.contains(item.getKey())) {
          continue;
        }
        compared++;
        String difference = compare(item.getKey(), item.getValue(), raw, parsed);
        boolean allowed = unusedDeviations.remove(item.getKey());
        if (difference == null) {
          if (allowed) {
            failures.add(item.getKey() + ": listed as a deviation but matches; remove it");
          }
          MATCHED.incrementAndGet();
        } else if (allowed) {
          DEVIATED.incrementAndGet();
        } else {
          failures.add(item.getKey() + ": " + difference);
        }
      }
    }
    assertThat(compared).as("items compared").isPositive();
    assertThat(unusedDeviations).as("deviations listed for items never fetched").isEmpty();
    assertThat(failures).as(name).isEmpty();
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "Golden corpus: %d items match the reference server, %d allowed deviations%n",
        MATCHED.get(), DEVIATED.get());
  }

  private static String compare(String item, SExpr expected, byte[] raw, ParsedMessage parsed)
      throws Exception {
    return switch (item) {
      case "RFC822.SIZE" -> {
        long want = Long.parseLong(((SExpr.Atom) expected).text());
        yield want == parsed.size() ? null : "expected " + want + ", got " + parsed.size();
      }
      case "ENVELOPE" -> compareExpr(expected, SExpr.parse(parsed.envelope()));
      case "BODYSTRUCTURE" ->
          compareExpr(
              BodyNormalizer.normalize(expected),
              BodyNormalizer.normalize(SExpr.parse(parsed.bodyStructure())));
      case "BODY" ->
          compareExpr(
              BodyNormalizer.normalize(expected),
              BodyNormalizer.normalize(SExpr.parse(parsed.body())));
      default -> {
        String section = item.substring("BODY[".length(), item.length() - 1);
        byte[] actual = SectionReader.read(parsed.root(), ByteSource.of(raw), section);
        yield compareBytes(expected, actual);
      }
    };
  }

  private static String compareExpr(SExpr expected, SExpr actual) {
    return expected.equals(actual) ? null : "\n  expected " + expected + "\n  actual   " + actual;
  }

  private static String compareBytes(SExpr expected, byte[] actual)
      throws NoSuchAlgorithmException {
    if (expected instanceof SExpr.Omitted omitted) {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(actual));
      return omitted.size() == actual.length && omitted.sha256().equals(sha)
          ? null
          : "expected "
              + omitted.size()
              + " bytes sha256:"
              + omitted.sha256()
              + ", got "
              + actual.length
              + " bytes sha256:"
              + sha;
    }
    byte[] want = expected instanceof SExpr.Str s ? s.bytes() : new byte[0];
    return java.util.Arrays.equals(want, actual)
        ? null
        : "\n  expected "
            + new String(want, StandardCharsets.ISO_8859_1)
            + "\n  actual   "
            + new String(actual, StandardCharsets.ISO_8859_1);
  }
}
