package dev.mailvault.outbound.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.outbound.dsn.DsnRecipient.Action;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report as Angus Mail parses it, with the fields RFC 3464 requires. */
class DsnWriterTest {

  private static final byte[] ORIGINAL =
      ("From: <alice@home.test>\r\nSubject: the original\r\nMessage-ID: <m1@home.test>\r\n\r\n"
              + "Body marker-XYZ\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final Instant ARRIVAL = Instant.parse("2026-03-01T10:00:00Z");

  private static DsnContent content(boolean full, DsnRecipient... recipients) {
    return new DsnContent(
        "mail.home.test",
        "alice@home.test",
        Optional.of("env-1"),
        ARRIVAL,
        ARRIVAL.plusSeconds(600),
        "abc.1@mail.home.test",
        ORIGINAL,
        full,
        List.of(recipients));
  }

  private static DsnRecipient failed(String address) {
    return new DsnRecipient(
        address,
        Optional.of("rfc822;" + address),
        Action.FAILED,
        "5.1.1",
        "smtp; 550 5.1.1 no such user",
        Optional.of("mx.remote.test"),
        ARRIVAL.plusSeconds(5),
        Optional.empty());
  }

  @Test
  void aBounceIsAMultipartReportWithTheRfc3464FieldsAndTheOriginalHeaders() throws Exception {
    byte[] raw =
        DsnWriter.write(content(false, failed("bob@remote.test"), failed("carol@remote.test")));
    ParsedDsn dsn = ParsedDsn.parse(raw);

    assertThat(dsn.message.getContentType())
        .startsWith("multipart/report")
        .contains("report-type=delivery-status");
    assertThat(dsn.message.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(dsn.message.getMessageID()).isEqualTo("<abc.1@mail.home.test>");
    assertThat(dsn.report.getCount()).isEqualTo(3);
    assertThat(dsn.contentType(0)).startsWith("text/plain");
    assertThat(dsn.contentType(1)).isEqualTo("message/delivery-status");
    assertThat(dsn.contentType(2)).isEqualTo("text/rfc822-headers");

    assertThat(dsn.perMessage.getHeader("Reporting-MTA", null)).isEqualTo("dns; mail.home.test");
    assertThat(dsn.perMessage.getHeader("Original-Envelope-Id", null)).isEqualTo("env-1");
    assertThat(dsn.perMessage.getHeader("Arrival-Date", null))
        .isEqualTo("Sun, 1 Mar 2026 10:00:00 +0000");
    assertThat(dsn.recipients).hasSize(2);
    assertThat(dsn.recipients.get(1).getHeader("Final-Recipient", null))
        .isEqualTo("rfc822; carol@remote.test");
    assertThat(dsn.recipients.get(0).getHeader("Original-Recipient", null))
        .isEqualTo("rfc822;bob@remote.test");
    assertThat(dsn.recipients.get(0).getHeader("Action", null)).isEqualTo("failed");
    assertThat(dsn.recipients.get(0).getHeader("Status", null)).isEqualTo("5.1.1");
    assertThat(dsn.recipients.get(0).getHeader("Remote-MTA", null))
        .isEqualTo("dns; mx.remote.test");
    assertThat(dsn.recipients.get(0).getHeader("Diagnostic-Code", null))
        .isEqualTo("smtp; 550 5.1.1 no such user");
    assertThat(dsn.recipients.get(0).getHeader("Last-Attempt-Date", null)).isNotNull();

    assertThat(dsn.returned).contains("Subject: the original").doesNotContain("marker-XYZ");
    assertThat(dsn.humanText).contains("could not be delivered").contains("bob@remote.test");
  }

  @Test
  void retFullReturnsTheWholeMessageAndADelayCarriesWillRetryUntil() throws Exception {
    DsnRecipient delayed =
        new DsnRecipient(
            "bob@remote.test",
            Optional.empty(),
            Action.DELAYED,
            "4.4.1",
            "451 4.4.1 try later",
            Optional.empty(),
            ARRIVAL.plusSeconds(5),
            Optional.of(ARRIVAL.plusSeconds(5 * 24 * 3600)));
    ParsedDsn dsn = ParsedDsn.parse(DsnWriter.write(content(true, delayed)));

    assertThat(dsn.contentType(2)).isEqualTo("message/rfc822");
    assertThat(dsn.returned).contains("Body marker-XYZ");
    assertThat(dsn.message.getSubject()).contains("Delayed");
    assertThat(dsn.recipients.get(0).getHeader("Action", null)).isEqualTo("delayed");
    assertThat(dsn.recipients.get(0).getHeader("Will-Retry-Until", null))
        .isEqualTo("Fri, 6 Mar 2026 10:00:00 +0000");
    // Our own reason without a type gets one (RFC 3464 §2.3.6).
    assertThat(dsn.recipients.get(0).getHeader("Diagnostic-Code", null))
        .isEqualTo("smtp; 451 4.4.1 try later");
    assertThat(dsn.recipients.get(0).getHeader("Original-Recipient", null)).isNull();
  }

  @Test
  void theSameContentGivesTheSameBytes() {
    DsnContent c = content(false, failed("bob@remote.test"));
    assertThat(DsnWriter.write(c)).isEqualTo(DsnWriter.write(c));
  }

  @Test
  void aLineBreakInARemoteReplyCannotAddAField() throws Exception {
    DsnRecipient sneaky =
        new DsnRecipient(
            "bob@remote.test",
            Optional.empty(),
            Action.FAILED,
            "5.0.0",
            "smtp; 550 no\r\nX-Injected: yes",
            Optional.empty(),
            ARRIVAL,
            Optional.empty());
    ParsedDsn dsn = ParsedDsn.parse(DsnWriter.write(content(false, sneaky)));
    assertThat(dsn.recipients.get(0).getHeader("X-Injected")).isNull();
  }
}
