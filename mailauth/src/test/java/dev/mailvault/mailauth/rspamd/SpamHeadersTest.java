package dev.mailvault.mailauth.rspamd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpamHeadersTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static RspamdVerdict verdict(RspamdAction action, double score, RspamdSymbol... symbols) {
    return new RspamdVerdict(
        action, score, 15.0, List.of(symbols), Optional.empty(), Optional.empty());
  }

  @Test
  void forgedSpamFieldsAreRemovedFoldsIncludedAndTheBodyIsUntouched() {
    String message =
        "Received: from a by b\r\n"
            + "X-Spam-Flag: NO\r\n"
            + "Subject: hello\r\n"
            + "x-spam-status: No, score=-5.00\r\n"
            + "\tfolded=continuation\r\n"
            + " and another\r\n"
            + "X-SPAMD-RESULT: default: False [-5.00 / 15.00]\r\n"
            + "X-Rspamd-Queue-Id: forged\r\n"
            + "X-Spam-Level: *****\r\n"
            + "X-Spammy-Looking: also a prefix of ours\r\n"
            + "X-Rspamd: not ours, no dash\r\n"
            + "From: a@example.org\r\n"
            + "\r\n"
            + "X-Spam-Flag: NO\r\n"
            + "X-Rspamd-Server: the body mentions it\r\n";

    String stripped = text(SpamHeaders.stripForged(bytes(message)));

    assertThat(stripped)
        .isEqualTo(
            "Received: from a by b\r\n"
                + "Subject: hello\r\n"
                + "X-Rspamd: not ours, no dash\r\n"
                + "From: a@example.org\r\n"
                + "\r\n"
                + "X-Spam-Flag: NO\r\n"
                + "X-Rspamd-Server: the body mentions it\r\n");
  }

  @Test
  void aMessageWithoutSpamFieldsComesBackAsIs() {
    byte[] message = bytes("Subject: hi\r\n\r\nX-Spam-Flag: YES\r\n");

    assertThat(SpamHeaders.stripForged(message)).isSameAs(message);
  }

  @Test
  void aMessageOfHeaderOnlyAndBareLineFeedsIsStripped() {
    assertThat(text(SpamHeaders.stripForged(bytes("Subject: a\nX-Spam-Flag: YES\n"))))
        .isEqualTo("Subject: a\n");
  }

  @Test
  void spamGetsTheFlagStatusAndResult() {
    RspamdVerdict verdict =
        verdict(
            RspamdAction.ADD_HEADER,
            8.2,
            new RspamdSymbol("MIME_GOOD", -0.1, List.of("text/plain")),
            new RspamdSymbol("MAILVAULT_TEST_SPAM", 8.0, List.of("spam")),
            new RspamdSymbol("ARC_NA", 0.0, List.of()),
            new RspamdSymbol("R_SPF_ALLOW", -0.2, List.of("example.org")),
            new RspamdSymbol("DMARC_POLICY_ALLOW", 0.2, List.of("example.org", "reject")));

    assertThat(SpamHeaders.fields(verdict))
        .containsExactly(
            "X-Spam-Flag: YES",
            "X-Spam-Status: Yes, score=8.20 required=15.00 action=add header",
            "X-Spamd-Result: default: True [8.20 / 15.00]; MAILVAULT_TEST_SPAM(8.00)[spam];\r\n"
                + "\tDMARC_POLICY_ALLOW(0.20)[example.org,reject];\r\n"
                + "\tR_SPF_ALLOW(-0.20)[example.org]; MIME_GOOD(-0.10)[text/plain]; ARC_NA(0.00)");
  }

  @Test
  void hamHasNoFlagAndSaysNo() {
    assertThat(SpamHeaders.fields(verdict(RspamdAction.NO_ACTION, -0.5)))
        .containsExactly(
            "X-Spam-Status: No, score=-0.50 required=15.00 action=no action",
            "X-Spamd-Result: default: False [-0.50 / 15.00]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x]\r\nX-Spam-Flag: NO\r\nX: [",
        "a;b(c)d[e]f,g",
        "naïve façade ünïcödé",
        "\u0000\u007f\t\n\r"
      })
  void aHostileOptionCannotBreakOutOfItsSymbol(String option) {
    RspamdVerdict verdict =
        verdict(RspamdAction.NO_ACTION, 1, new RspamdSymbol("HOSTILE", 1, List.of(option)));

    String result = SpamHeaders.fields(verdict).get(1);

    String unfolded = result.replace("\r\n\t", "");
    assertThat(unfolded).doesNotContain("\r").doesNotContain("\n");
    assertThat(unfolded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    String list =
        unfolded.substring(unfolded.indexOf("HOSTILE(1.00)[") + "HOSTILE(1.00)[".length());
    assertThat(list).endsWith("]");
    assertThat(list.substring(0, list.length() - 1)).doesNotContain("[", "]", ";", "(", ")", ",");
  }

  @Test
  void symbolsOptionsAndLengthsAreBounded() {
    List<RspamdSymbol> symbols = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      List<String> options = new ArrayList<>();
      for (int j = 0; j < 9; j++) {
        options.add("option-" + j + "-" + "x".repeat(100));
      }
      symbols.add(new RspamdSymbol("SYMBOL_" + i + "_" + "N".repeat(80), i, options));
    }
    RspamdVerdict verdict =
        verdict(RspamdAction.REJECT, 1e300, symbols.toArray(RspamdSymbol[]::new));

    List<String> fields = SpamHeaders.fields(verdict);
    String result = fields.get(2);

    assertThat(result.split("; ", -1).length + countFoldedSeparators(result))
        .isLessThanOrEqualTo(1 + SpamHeaders.MAX_SYMBOLS);
    assertThat(result).contains("SYMBOL_79_").doesNotContain("SYMBOL_29_");
    assertThat(result).doesNotContain("option-5-").contains("option-4-");
    assertThat(result).doesNotContain("x".repeat(SpamHeaders.MAX_OPTION_LENGTH));
    assertThat(fields.get(1)).contains("score=99999.99");
    for (String field : fields) {
      for (String line : field.split("\r\n", -1)) {
        assertThat(line.length()).isLessThanOrEqualTo(78);
      }
    }
  }

  private static int countFoldedSeparators(String field) {
    return field.split(";\r\n\t", -1).length - 1;
  }

  @Test
  void foldingKeepsEveryLineWithin78ColumnsForRandomVerdicts() {
    Random random = new Random(16);
    for (int round = 0; round < 200; round++) {
      List<RspamdSymbol> symbols = new ArrayList<>();
      int count = random.nextInt(60);
      for (int i = 0; i < count; i++) {
        List<String> options = new ArrayList<>();
        int optionCount = random.nextInt(7);
        for (int j = 0; j < optionCount; j++) {
          options.add(randomText(random, random.nextInt(90)));
        }
        symbols.add(
            new RspamdSymbol(
                randomText(random, 1 + random.nextInt(70)),
                (random.nextDouble() - 0.5) * 40,
                options));
      }
      RspamdAction action = RspamdAction.values()[random.nextInt(RspamdAction.values().length)];
      List<String> fields =
          SpamHeaders.fields(
              verdict(action, random.nextDouble() * 30, symbols.toArray(RspamdSymbol[]::new)));
      for (String field : fields) {
        String[] lines = field.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
          assertThat(lines[i].length()).isLessThanOrEqualTo(78);
          assertThat(lines[i]).doesNotContain("\r", "\n");
          if (i > 0) {
            assertThat(lines[i]).startsWith("\t");
          }
        }
      }
    }
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x180));
    }
    return text.toString();
  }
}
