package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.mailauth.rspamd.RspamdClient;
import dev.mailvault.mailauth.rspamd.RspamdEndpoints;
import dev.mailvault.mailauth.testing.RspamdDaemon;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0254: what the MX does with each of rspamd's actions, asked of a real rspamd from Debian (the
 * mailauth test config: GTUBE, a multimap rule on {@code X-Mailvault-Test}), and that it fails open
 * when nobody answers.
 */
class SpamFilterTest {

  @TempDir static Path dir;
  private static RspamdDaemon rspamd;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RspamdDaemon.available(), "rspamd and redis-server are needed (.ci/run installs)");
    rspamd = RspamdDaemon.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rspamd != null) {
      rspamd.close();
    }
  }

  @Test
  void rejectIsA550WithRspamdsWords() throws Exception {
    SpamFilter filter = filter(rspamd.endpoints(Duration.ofSeconds(10)));
    SpamFilter.Decision decision =
        filter.check(
            envelope(),
            message("", "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"));
    assertThat(decision.refusal()).isPresent();
    assertThat(decision.refusal().get().code()).isEqualTo(550);
    assertThat(decision.refusal().get().toString()).contains("5.7.1", "Gtube pattern");
    assertThat(filter.refused()).isEqualTo(1);
  }

  @Test
  void softRejectIsA451() throws Exception {
    SpamFilter filter = filter(rspamd.endpoints(Duration.ofSeconds(10)));
    SpamFilter.Decision decision =
        filter.check(envelope(), message("X-Mailvault-Test: tempfail\r\n", "Hello."));
    assertThat(decision.refusal()).isPresent();
    assertThat(decision.refusal().get().code()).isEqualTo(451);
    assertThat(decision.refusal().get().toString()).contains("4.7.1");
    assertThat(filter.deferred()).isEqualTo(1);
  }

  @Test
  void addHeaderFilesInJunkWithOurFieldsAndNoActionInInbox() throws Exception {
    SpamFilter filter = filter(rspamd.endpoints(Duration.ofSeconds(10)));
    SpamFilter.Decision spam =
        filter.check(envelope(), message("X-Mailvault-Test: spam\r\n", "Hello."));
    assertThat(spam.refusal()).isEmpty();
    assertThat(spam.junk()).isTrue();
    assertThat(String.join("\r\n", spam.fields()))
        .contains("X-Spam-Flag: YES", "X-Spam-Status: Yes", "MAILVAULT_TEST_SPAM");

    SpamFilter.Decision clean = filter.check(envelope(), message("", "Lunch at noon?"));
    assertThat(clean.refusal()).isEmpty();
    assertThat(clean.junk()).isFalse();
    assertThat(String.join("\r\n", clean.fields()))
        .contains("X-Spam-Status: No")
        .doesNotContain("X-Spam-Flag");
    assertThat(filter.checked()).isEqualTo(2);
    assertThat(filter.junked()).isEqualTo(1);
  }

  @Test
  void nobodyAnsweringFailsOpenAndIsCounted() throws Exception {
    // The discard port: nothing answers HTTP there.
    URI nobody = URI.create("http://127.0.0.1:9");
    SpamFilter filter =
        filter(new RspamdEndpoints(nobody, nobody, Optional.empty(), Duration.ofSeconds(5)));
    SpamFilter.Decision decision = filter.check(envelope(), message("", "Hello."));
    assertThat(decision).isEqualTo(SpamFilter.Decision.UNFILTERED);
    assertThat(filter.failedOpen()).isEqualTo(1);
    assertThat(filter.checked()).isZero();
  }

  @Test
  void theTlsDescriptionBecomesVersionAndCipher() {
    assertThat(
            SpamFilter.versionAndCipher(
                "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 group X25519MLKEM768"))
        .isEqualTo("TLSv1.3 TLS_AES_256_GCM_SHA384");
    assertThat(SpamFilter.versionAndCipher("TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256"))
        .isEqualTo("TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256");
  }

  private static SpamFilter filter(RspamdEndpoints endpoints) {
    return new SpamFilter(new RspamdClient(endpoints), "mx.example.com");
  }

  private static SpamFilter.Envelope envelope() {
    return new SpamFilter.Envelope(
        InetAddress.getLoopbackAddress(),
        "client.far.example",
        "someone@far.example",
        List.of("hello@example.com"),
        "0123456789abcdef",
        Optional.empty(),
        List.of(),
        List.of());
  }

  private static byte[] message(String extraFields, String body) {
    return ("From: someone@far.example\r\nTo: hello@example.com\r\nSubject: test\r\n"
            + "Date: Sat, 05 Dec 2026 10:00:00 +0000\r\nMessage-ID: <test@far.example>\r\n"
            + extraFields
            + "\r\n"
            + body
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
