package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageSummaryTest {

  private static MessageSummary summarize(String message, java.nio.charset.Charset charset) {
    return MessageParser.parse(message.getBytes(charset)).summary();
  }

  private static MessageSummary summarize(String message) {
    return summarize(message, StandardCharsets.ISO_8859_1);
  }

  // RFC 2047 §6.2: white space between adjacent encoded words is dropped.
  @Test
  void decodesEncodedWordsInBothEncodingsAndJoinsAdjacentOnes() {
    MessageSummary s =
        summarize(
            "Subject: =?UTF-8?B?w4RwZmVs?= und =?ISO-8859-1?Q?Birnen_f=FCr_?=\r\n"
                + " =?utf-8?q?G=C3=A4ste?= =?utf-8?q?_heute?=\r\n"
                + "From: =?iso-8859-15?Q?J=FCrgen_=A4?= <Juergen@Example.COM>\r\n"
                + "\r\nbody\r\n");
    assertThat(s.subject()).isEqualTo("Äpfel und Birnen für Gäste heute");
    assertThat(s.fromName()).isEqualTo("Jürgen €");
    assertThat(s.from()).isEqualTo("Juergen@example.com");
  }

  // Found by MimeParserFuzzTest: a NUL in a name that is not UTF-8 became "ï¿½".
  @Test
  void aNulInANameThatIsNotUtf8IsOneReplacementCharacter() {
    MessageSummary s = summarize("From: \"Caf\u00e9\u0000\" <a@example.org>\r\n\r\nx\r\n");
    assertThat(s.fromName()).isEqualTo("Caf\u00e9\ufffd");
    MessageSummary utf8 =
        summarize("From: \"Zo\u00eb\u0000\" <a@example.org>\r\n\r\nx\r\n", StandardCharsets.UTF_8);
    assertThat(utf8.fromName()).isEqualTo("Zo\u00eb\ufffd");
  }

  @Test
  void rawUtf8AndRawLatin1HeadersAreRead() {
    MessageSummary utf8 =
        summarize(
            "Subject: Grüße aus Köln\r\nFrom: Zoë <zoe@example.org>\r\n\r\nx\r\n",
            StandardCharsets.UTF_8);
    assertThat(utf8.subject()).isEqualTo("Grüße aus Köln");
    assertThat(utf8.fromName()).isEqualTo("Zoë");

    MessageSummary latin1 = summarize("Subject: Gr\u00fc\u00dfe\r\n\r\nx\r\n");
    assertThat(latin1.subject()).isEqualTo("Grüße");
  }

  @Test
  void addressListsDateAndIdentifiers() {
    MessageSummary s =
        summarize(
            "From: \"Doe, John\" <john@EXAMPLE.com>\r\n"
                + "To: a@example.com, Team: b@example.com, \"C\" <c@Example.Net>;\r\n"
                + "Cc: d@example.com\r\n"
                + "Date: Tue, 3 Jun 2025 14:05:06 +0200 (CEST)\r\n"
                + "Message-ID:  <id-1@example.com> \r\n"
                + "In-Reply-To: <id-0@example.com>\r\n"
                + "References: <a@x>\r\n <b@x>\r\n"
                + "\r\nhello\r\n");
    assertThat(s.from()).isEqualTo("john@example.com");
    assertThat(s.fromName()).isEqualTo("Doe, John");
    assertThat(s.to()).isEqualTo("a@example.com,b@example.com,c@example.net");
    assertThat(s.cc()).isEqualTo("d@example.com");
    assertThat(s.sentDate()).isEqualTo(Instant.parse("2025-06-03T12:05:06Z"));
    assertThat(s.messageId()).isEqualTo("<id-1@example.com>");
    assertThat(s.inReplyTo()).isEqualTo("<id-0@example.com>");
    assertThat(s.references()).isEqualTo("<a@x> <b@x>");
  }

  @Test
  void obsoleteAndBrokenDates() {
    assertThat(summarize("Date: 01 Jan 2001 00:01+0000\r\n\r\n").sentDate()).isNull();
    assertThat(summarize("Date: 1 Jan 01 00:01 EST\r\n\r\n").sentDate())
        .isEqualTo(Instant.parse("2001-01-01T05:01:00Z"));
    assertThat(summarize("Date: Mon, 02 Jun 2025 10:00 GMT\r\n\r\n").sentDate())
        .isEqualTo(Instant.parse("2025-06-02T10:00:00Z"));
    assertThat(summarize("Date: yesterday\r\n\r\n").sentDate()).isNull();
    assertThat(summarize("Subject: none\r\n\r\n").sentDate()).isNull();
  }

  @Test
  void previewAndTextComeFromDecodedTextParts() {
    MessageSummary s =
        summarize(
            "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe,  lieber\r\n"
                + "Leser, das ist ein lange=\r\n"
                + "r Satz.\r\n"
                + "--b\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "PHA+SGFsbG8gPGI+V2VsdDwvYj48L3A+\r\n"
                + "--b\r\n"
                + "Content-Type: text/csv\r\n"
                + "Content-Disposition: attachment; filename=list.csv\r\n\r\n"
                + "name,amount\r\n"
                + "--b\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "c2VjcmV0\r\n"
                + "--b--\r\n");
    assertThat(s.preview()).isEqualTo("Grüße, lieber Leser, das ist ein langer Satz.");
    assertThat(s.text()).contains("Grüße,  lieber").contains("Hallo").contains("Welt");
    assertThat(s.text()).as("text attachments are searchable").contains("name,amount");
    assertThat(s.text()).doesNotContain("secret").doesNotContain("<b>");
  }

  @Test
  void previewFallsBackToHtmlAndIsCut() {
    String words = "word ".repeat(100);
    MessageSummary s =
        summarize(
            "Content-Type: text/html\r\n\r\n<html><head><style>p{}</style></head><body><p>"
                + words
                + "</p></body></html>\r\n");
    assertThat(s.preview()).startsWith("word word").hasSize(SummaryBuilder.PREVIEW_LENGTH);
    assertThat(s.preview()).doesNotContain("p{}");
  }

  @Test
  void missingFieldsAreEmptyNotNull() {
    MessageSummary s = summarize("\r\n");
    assertThat(s.subject()).isEmpty();
    assertThat(s.from()).isEmpty();
    assertThat(s.fromName()).isEmpty();
    assertThat(s.to()).isEmpty();
    assertThat(s.cc()).isEmpty();
    assertThat(s.messageId()).isEmpty();
    assertThat(s.inReplyTo()).isEmpty();
    assertThat(s.references()).isEmpty();
    assertThat(s.preview()).isEmpty();
    assertThat(s.text()).isEmpty();
    assertThat(s.sentDate()).isNull();
  }

  @Test
  void brokenEncodedWordsDoNotBreakTheSummary() {
    MessageSummary s =
        summarize("Subject: =?x-unknown?B?////?= =?utf-8?B?not base64?= =?utf-8?Q?ok?=\r\n\r\n");
    assertThat(s.subject()).endsWith("ok");
  }
}
