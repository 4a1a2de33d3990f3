package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sort.SortKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SORT address keys read back from a stored ENVELOPE (RFC 5256 §3, RFC 5957 §3). */
class EnvelopeAddressesTest {

  private static SortKeys keys(String headers) {
    ParsedMessage parsed =
        MessageParser.parse((headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
    MessageSummary s = parsed.summary();
    return SortKeys.of(
        s.subject(), parsed.envelope(), s.messageId(), s.inReplyTo(), s.references());
  }

  @Test
  void fromAndToAreTheFirstMailboxAndDisplayName() {
    SortKeys k =
        keys(
            "From: \"Zoe Q\" <alice@Example.org>, bob@example.org\r\n"
                + "To: =?iso-8859-1?q?J=F6rg?= <j@example.net>\r\nCc: carol@example.com");
    assertThat(k.from()).isEqualTo("ALICE");
    assertThat(k.displayFrom()).isEqualTo("ZOE Q");
    assertThat(k.to()).isEqualTo("J");
    assertThat(k.displayTo()).isEqualTo("JO\u0308RG");
    assertThat(k.cc()).isEqualTo("CAROL");
  }

  @Test
  void aGroupCountsByItsNameAndAMissingFieldIsEmpty() {
    SortKeys k = keys("From: plain@example.org\r\nTo: team: x@example.org, y@example.org;");
    assertThat(k.to()).isEqualTo("TEAM");
    assertThat(k.displayTo()).isEqualTo("TEAM");
    assertThat(k.displayFrom()).isEqualTo("PLAIN@EXAMPLE.ORG");
    assertThat(k.cc()).isEmpty();
  }

  @Test
  void threadingIdsComeFromMessageIdReferencesOrInReplyTo() {
    SortKeys k =
        keys(
            "Message-ID: <m1@example.org>\r\nIn-Reply-To: <p@example.org>\r\n"
                + "References: <r1@example.org> (comment) <bad> <r2@example.org>\r\nSubject: Re: x");
    assertThat(k.messageId()).isEqualTo("m1@example.org");
    assertThat(k.references()).isEqualTo("r1@example.org r2@example.org");
    assertThat(k.subject()).isEqualTo("X");
    assertThat(k.subjectIsReply()).isTrue();
    SortKeys onlyReply = keys("Message-ID: <m2@example.org>\r\nIn-Reply-To: <p@example.org>");
    assertThat(onlyReply.references()).isEqualTo("p@example.org");
  }

  @Test
  void anUnreadableEnvelopeGivesNoAddress() {
    assertThat(EnvelopeAddresses.first("(garbage", EnvelopeAddresses.Field.FROM)).isEmpty();
    assertThat(EnvelopeAddresses.first("", EnvelopeAddresses.Field.TO)).isEmpty();
  }
}
