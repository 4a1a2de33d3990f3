package dev.mailvault.server.imapimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Source folder names as Courier, Cyrus, Dovecot and '/'-servers list them (ADR 0146). */
class FolderNameMapperTest {

  private static final FolderNameMapper COURIER = new FolderNameMapper("INBOX.");
  private static final FolderNameMapper FLAT_ROOT = new FolderNameMapper("");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INBOX                    | INBOX",
        "inbox                    | INBOX",
        "INBOX.Archive            | Archive",
        "INBOX.Archive.2023       | Archive/2023",
        "INBOX.Archive.2023.Q1    | Archive/2023/Q1",
        "inbox.Sent               | Sent",
        "INBOX.a/b                | a\u2215b",
        "INBOX.Projects.2024/2025 | Projects/2024\u22152025",
        "INBOX.Übersicht & Pläne  | Übersicht & Pläne",
        "INBOX.50%.*              | 50_/_",
        "INBOX.a..b               | a/_/b",
        "INBOX.x.                 | x/_",
        "INBOX.INBOX              | INBOX",
        "INBOX.inbox.Sub          | INBOX/Sub",
      })
  void aCourierStyleNameLosesItsPrefixAndGetsSlashes(String source, String expected) {
    assertThat(COURIER.map(source, '.')).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INBOX                | INBOX",
        "Archive/2023/Q1      | Archive/2023/Q1",
        "inbox/Sub            | INBOX/Sub",
        "Dots.stay.in.a.level | Dots.stay.in.a.level",
        "INBOX.Not.a.prefix   | INBOX.Not.a.prefix",
        "a//b                 | a/_/b",
      })
  void aSlashServerWithoutPrefixKeepsItsLevels(String source, String expected) {
    assertThat(FLAT_ROOT.map(source, '/')).isEqualTo(expected);
  }

  @Test
  void aDotServerWithoutPrefixSplitsAtDotsAndKeepsSlashesInsideALevel() {
    assertThat(FLAT_ROOT.map("Lists.java-dev", '.')).isEqualTo("Lists/java-dev");
    assertThat(FLAT_ROOT.map("Lists.TCP/IP", '.')).isEqualTo("Lists/TCP\u2215IP");
  }

  @Test
  void aFlatNamespaceIsOneLevel() {
    assertThat(FLAT_ROOT.map("a.b/c", (char) 0)).isEqualTo("a.b\u2215c");
  }

  @Test
  void controlCharactersBecomeUnderscores() {
    assertThat(COURIER.map("INBOX.tab\there\u007f", '.')).isEqualTo("tab_here_");
  }

  @Test
  void aPrefixOtherThanInboxIsCaseSensitiveLikeTheNamesBelowIt() {
    FolderNameMapper mapper = new FolderNameMapper("Mail/");
    assertThat(mapper.map("Mail/Archive", '/')).isEqualTo("Archive");
    assertThat(mapper.map("mail/Archive", '/')).isEqualTo("mail/Archive");
  }

  /** Angus hands the mapper names already decoded from modified UTF-7 (RFC 3501 §5.1.3). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INBOX.&ANw-bersicht &- Pl&AOQ-ne | Übersicht & Pläne",
        "INBOX.&U,BTFw-.&ZeVnLIqe-        | 台北/日本語",
        "INBOX.Entw&APw-rfe.2024&-25      | Entwürfe/2024&25",
        "INBOX.&2D3eAA-                   | \uD83D\uDE00",
      })
  void modifiedUtf7NamesArriveDecodedAndNested(String listed, String expected) {
    assertThat(COURIER.map(BASE64MailboxDecoder.decode(listed), '.')).isEqualTo(expected);
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /**
   * Any nesting of any level names: as many levels come out as went in, in order, none empty and
   * none holding a '/' or a LIST wildcard, and a level without such characters is kept as it was.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void everyLevelStaysOneLevel(long seed) {
    Random random = new Random(seed);
    char delimiter = random.nextBoolean() ? '.' : '/';
    boolean prefixed = random.nextBoolean();
    FolderNameMapper mapper = new FolderNameMapper(prefixed ? "INBOX" + delimiter : "");
    List<String> levels = new ArrayList<>();
    int depth = 1 + random.nextInt(5);
    for (int i = 0; i < depth; i++) {
      levels.add(randomLevel(random, delimiter));
    }
    if (prefixed && depth == 1 && levels.get(0).isEmpty()) {
      levels.set(0, "x"); // the namespace itself, which the session never hands to the mapper
    }
    String source = (prefixed ? "INBOX" + delimiter : "") + String.join("" + delimiter, levels);

    String mapped = mapper.map(source, delimiter);

    String[] out = mapped.split("/", -1);
    if (levels.get(0).equalsIgnoreCase("INBOX")) {
      levels.set(0, "INBOX"); // RFC 9051 §5.1: INBOX in any case is INBOX
    }
    assertThat(out).as(source).hasSize(levels.size());
    for (int i = 0; i < out.length; i++) {
      String level = levels.get(i);
      assertThat(out[i]).as(source).isNotEmpty().doesNotContain("%", "*", "/");
      assertThat(out[i].chars()).as(source).allMatch(c -> c >= 0x20 && c != 0x7f);
      assertThat(out[i].length()).as(source).isEqualTo(Math.max(1, level.length()));
      boolean plain = level.chars().allMatch(c -> c >= 0x20 && c != 0x7f && "/%*".indexOf(c) < 0);
      if (plain && !level.isEmpty()) {
        assertThat(out[i]).as(source).isEqualTo(level);
      }
    }
  }

  private static String randomLevel(Random random, char delimiter) {
    if (random.nextInt(12) == 0) {
      return "";
    }
    if (random.nextInt(12) == 0) {
      return random.nextBoolean() ? "INBOX" : "inbox";
    }
    String alphabet = "abcXYZ09 -_&äöü€台✓/.%*\t\u007f";
    StringBuilder level = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      if (c != delimiter) {
        level.append(c);
      }
    }
    return level.toString();
  }
}
