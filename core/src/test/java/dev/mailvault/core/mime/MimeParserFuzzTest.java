package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzzing of the MIME parser, which runs on every message a client or a sender hands over.
 * The build runs it in fuzzing mode for a bounded time (the core pom sets {@code JAZZER_FUZZ}; ADR
 * 0181). Every input must parse into a well-formed result ({@link
 * ParserRobustnessTest#checkWellFormed}) whose stored forms grow at most linearly with the input:
 * what the store keeps beside a message must not let a small message cost a large row.
 */
class MimeParserFuzzTest {

  /**
   * The most a byte of input may cost in ENVELOPE, BODY or BODYSTRUCTURE. The worst case: an empty
   * member of the From list (one comma) rendered as a 44-octet placeholder address, three times, as
   * From, Sender and Reply-To (which default to From, RFC 3501 §7.4.2); their number is bounded by
   * {@link AddressParser#MAX_ADDRESSES}. A smallest part (a 7-octet delimiter and empty header)
   * costs about 70 octets of BODYSTRUCTURE.
   */
  private static final int COST_PER_BYTE = 160;

  /** The fixed cost of an empty message (ENVELOPE of ten NILs, a text/plain BODYSTRUCTURE). */
  private static final int FIXED_COST = 512;

  @FuzzTest(maxDuration = "20s")
  void everyMessageParsesWithinBounds(byte[] raw) {
    ParserRobustnessTest.checkWellFormed(raw, "fuzz input");
    ParsedMessage parsed = MessageParser.parse(raw);
    long bound = (long) COST_PER_BYTE * raw.length + FIXED_COST;
    assertThat((long) parsed.envelope().length()).isLessThanOrEqualTo(bound);
    assertThat((long) parsed.body().length()).isLessThanOrEqualTo(bound);
    assertThat((long) parsed.bodyStructure().length()).isLessThanOrEqualTo(bound);
    assertThat((long) MimePartCodec.encode(parsed.root()).length).isLessThanOrEqualTo(bound);
    MessageSummary summary = parsed.summary();
    // Decoding (RFC 2047 words, transfer encodings, charsets) never makes more chars than octets.
    for (String decoded :
        new String[] {
          summary.subject(),
          summary.fromName(),
          summary.messageId(),
          summary.inReplyTo(),
          summary.references(),
          summary.preview(),
          summary.text()
        }) {
      assertThat(decoded.length()).isLessThanOrEqualTo(raw.length);
    }
    assertThat(summary.preview().length()).isLessThanOrEqualTo(256);
    assertThat(summary.text().length()).isLessThanOrEqualTo(1024 * 1024);
  }
}
