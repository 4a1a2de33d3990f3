package dev.mailvault.server.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One budget of unfinished input for IMAP and SMTP together (ADR 0166): while one client holds it,
 * a new large read (an IMAP literal, an SMTP DATA or BDAT) gets a temporary failure, {@code NO
 * [LIMIT]} or {@code 452 4.3.1}, and the same read succeeds once the budget is back.
 */
class InFlightBudgetTest {

  @TempDir Path data;

  @Test
  void pastTheBudgetNewReadsGetATemporaryFailureOnBothProtocols() throws Exception {
    try (TestedNode node =
        InFlightNode.start(data, Map.of(Setting.INFLIGHT_MAX_BYTES, "1048576"))) {
      try (Wire other = InFlightNode.imapLoggedIn(node);
          Wire mx = InFlightNode.smtpReadyForData(node)) {
        try (Wire holder = InFlightNode.imapLoggedIn(node)) {
          holder.send("h APPEND INBOX {1000000}");
          assertThat(holder.line()).startsWith("+");

          // RFC 5530 §3 LIMIT, instead of the continuation: the client never sends the bytes.
          other.send("o APPEND INBOX {100000}");
          assertThat(other.line()).isEqualTo("o NO [LIMIT] Server busy, try again later");
          other.send("o2 NOOP");
          assertThat(other.lineStartingWith("o2 ")).startsWith("o2 OK");

          mx.send("DATA");
          assertThat(mx.smtpReply())
              .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
          mx.send("NOOP");
          assertThat(mx.smtpReply()).startsWith("250");

          // RFC 3030: a BDAT chunk is read to its end either way, then refused for now.
          try (Wire chunked = InFlightNode.smtpReadyForData(node)) {
            chunked.sendRaw(
                ("BDAT 100000 LAST\r\n" + "b".repeat(100000)).getBytes(StandardCharsets.US_ASCII));
            assertThat(chunked.smtpReply())
                .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
            chunked.send("NOOP");
            assertThat(chunked.smtpReply()).startsWith("250");
          }
        }
        // The holder's connection is gone, and with it its share of the budget.
        await()
            .until(
                () -> {
                  mx.send("DATA");
                  String reply = mx.smtpReply();
                  return reply.startsWith("354");
                });
        mx.send("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(mx.smtpReply()).startsWith("250");
        other.send("o3 APPEND INBOX {100000}");
        assertThat(other.line()).startsWith("+");
      }
    }
  }
}
