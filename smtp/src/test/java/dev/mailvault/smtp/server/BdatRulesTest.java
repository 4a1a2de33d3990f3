package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.session.SmtpLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BDAT follows DATA's bare line end rule and refuses an empty message (ADR 0177). */
class BdatRulesTest {

  private static final SmtpLimits LIMITS =
      SmtpLimits.DEFAULTS.withErrorBudget(1_000_000, Duration.ofMinutes(1));

  @TempDir Path data;

  @Test
  void aBareLineEndInAChunkIsRefusedAsInData() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS);
        SmtpClient client = ready(server)) {
      client.sendRaw(bdat("Subject: a\n\r\nhi\r\n", false));
      client.expect("550 5.6.11 Bare CR or LF in message; lines must end with CRLF");
      // RFC 3030 §3: the failed BDAT ended the transaction.
      client.sendRaw(bdat("x\r\n\r\n", true)).expect("503 5.5.1 Need MAIL and RCPT first");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.sendRaw(bdat("ab\r", false)).expectStart("250 2.0.0 ");
      client
          .sendRaw(bdat("c\r\r", true))
          .expect("550 5.6.11 Bare CR or LF in message; lines must end with CRLF");
      assertThat(server.delivery().delivered()).isEmpty();
    }
  }

  @Test
  void aCrlfSplitBetweenChunksIsOneLineEnd() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS);
        SmtpClient client = ready(server)) {
      client.sendRaw(bdat("Subject: a\r\n\r", false)).expectStart("250 2.0.0 ");
      client.sendRaw(bdat("\nhi\r\n", true)).expectStart("250 2.0.0 OK");
      assertThat(text(server.delivery().last().message().raw()))
          .endsWith("Subject: a\r\n\r\nhi\r\n");
    }
  }

  @Test
  void withTheNormalisePolicyBareLineEndsBecomeCrlf() throws Exception {
    SmtpLimits normalise =
        LIMITS.withReader(ReaderLimits.DEFAULTS.withLineEnds(LineEndPolicy.NORMALISE));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, normalise);
        SmtpClient client = ready(server)) {
      client.sendRaw(bdat("Subject: a\n", false)).expectStart("250 2.0.0 ");
      client.sendRaw(bdat("\nhi\r", true)).expectStart("250 2.0.0 OK");
      assertThat(text(server.delivery().last().message().raw()))
          .endsWith("Subject: a\r\n\r\nhi\r\n");
    }
  }

  @Test
  void bdatZeroLastWithNothingBeforeItIsRefused() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS);
        SmtpClient client = ready(server)) {
      client.command("BDAT 0 LAST", "554 5.6.0 Empty message refused");
      client.command("BDAT 0 LAST", "503 5.5.1 Need MAIL and RCPT first");
      assertThat(server.delivery().delivered()).isEmpty();
    }
  }

  /** Greeted, with a transaction open for hello@example.com. */
  private static SmtpClient ready(LiveSmtpServer server) throws Exception {
    server.addAlias("hello@example.com");
    SmtpClient client = server.connect();
    client.expect("220 mx.test ESMTP Mailvault ready");
    client.send("EHLO client.example").reply();
    client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
    client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
    return client;
  }

  /** A BDAT command with its chunk, the size counted here. */
  private static String bdat(String chunk, boolean last) {
    return "BDAT " + chunk.length() + (last ? " LAST" : "") + "\r\n" + chunk;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
