package dev.mailvault.mailauth.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.spam.SpamLearning.Lesson;
import dev.mailvault.mailauth.dmarc.DmarcPolicy;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcStatus;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfStatus;
import dev.mailvault.mailauth.testing.RspamdDaemon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@link RspamdClient} against a real rspamd from Debian ({@link RspamdDaemon}). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RspamdClientTest {

  static final String GTUBE =
      "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

  @TempDir static Path dir;
  static RspamdDaemon rspamd;
  static RspamdClient client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        RspamdDaemon.available(),
        "rspamd or redis-server not installed (Debian packages rspamd, redis-server)");
    rspamd = RspamdDaemon.start(dir);
    client = new RspamdClient(rspamd.endpoints(Duration.ofSeconds(20)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (rspamd != null) {
      rspamd.close();
    }
  }

  static byte[] message(String id, String extraHeader, String body) {
    return ("From: Alice <alice@example.org>\r\n"
            + "To: bob@example.com\r\n"
            + "Subject: Lunch on Thursday\r\n"
            + "Date: Sun, 6 Dec 2026 09:00:00 +0000\r\n"
            + "Message-ID: <"
            + id
            + "@example.org>\r\n"
            + extraHeader
            + "\r\n"
            + body
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static RspamdScan scan(List<RspamdSymbol> known) throws UnknownHostException {
    // Not loopback: rspamd skips SPF for a local client.
    return new RspamdScan(
        InetAddress.getByName("192.0.2.1"),
        "mail.example.org",
        "alice@example.org",
        List.of("bob@example.com"),
        "Q1",
        "mx.example.com",
        Optional.of("TLSv1.3 TLS_AES_256_GCM_SHA384"),
        Optional.of("u-scan"),
        known);
  }

  static List<RspamdSymbol> ourResults() {
    return AuthenticationSymbols.of(
        new SpfResult(SpfStatus.PASS, "example.org", "matched ip4"),
        List.of(),
        new DmarcResult(DmarcStatus.PASS, "example.org", DmarcPolicy.REJECT, "spf aligned"));
  }

  @Test
  @Order(1)
  void pingAnswersPong() {
    assertThat(client.ping()).isTrue();
  }

  @Test
  @Order(1)
  void aCleanMessageNeedsNoAction() throws Exception {
    RspamdVerdict verdict =
        client.check(
            scan(ourResults()), message("clean", "", "Shall we meet at noon by the fountain?"));

    assertThat(verdict.action()).isEqualTo(RspamdAction.NO_ACTION);
    assertThat(verdict.isSpam()).isFalse();
    assertThat(verdict.requiredScore()).isPositive();
  }

  @Test
  @Order(1)
  void gtubeIsRejectedWithAMessage() throws Exception {
    RspamdVerdict verdict = client.check(scan(ourResults()), message("gtube", "", GTUBE));

    assertThat(verdict.action()).isEqualTo(RspamdAction.REJECT);
    assertThat(verdict.isSpam()).isTrue();
    assertThat(verdict.message()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
    assertThat(verdict.symbol("GTUBE")).isPresent();
  }

  @Test
  @Order(1)
  void theTestHeaderAddsTheHeader() throws Exception {
    RspamdVerdict verdict =
        client.check(
            scan(ourResults()), message("header", "X-Mailvault-Test: spam\r\n", "Cheap watches."));

    assertThat(verdict.action()).isEqualTo(RspamdAction.ADD_HEADER);
    assertThat(verdict.symbol("MAILVAULT_TEST_SPAM"))
        .hasValueSatisfying(symbol -> assertThat(symbol.score()).isEqualTo(8.0));
  }

  @Test
  @Order(1)
  void theTempfailHeaderIsASoftReject() throws Exception {
    RspamdVerdict verdict =
        client.check(
            scan(ourResults()), message("tempfail", "X-Mailvault-Test: tempfail\r\n", "Hello."));

    assertThat(verdict.action()).isEqualTo(RspamdAction.SOFT_REJECT);
    assertThat(verdict.isSpam()).isFalse();
  }

  @Test
  @Order(1)
  void ourResultsReplaceRspamdsOwnLookUps() throws Exception {
    RspamdVerdict without =
        client.check(scan(List.of()), message("lookups", "", "Shall we meet at noon?"));
    RspamdVerdict with =
        client.check(scan(ourResults()), message("lookups", "", "Shall we meet at noon?"));

    // Without our results rspamd asks DNS itself, and the test DNS answers nothing.
    assertThat(without.symbol("R_SPF_DNSFAIL")).isPresent();
    assertThat(with.symbol("R_SPF_DNSFAIL")).isEmpty();
    assertThat(with.symbol("DMARC_DNSFAIL")).isEmpty();
    assertThat(with.symbol("R_SPF_ALLOW"))
        .hasValueSatisfying(symbol -> assertThat(symbol.options()).contains("example.org"));
    assertThat(with.symbol("DMARC_POLICY_ALLOW")).isPresent();
    assertThat(with.symbol("R_DKIM_NA")).isPresent();
  }

  @Test
  @Order(1)
  void anInternationalisedEnvelopeIsNotScoredAsBrokenHeaders() throws Exception {
    RspamdScan scan =
        new RspamdScan(
            InetAddress.getByName("192.0.2.7"),
            "mail.example.org",
            "jörg@exämple.org",
            List.of("bob@exämple.com", "zoë@exämple.com"),
            "Q2",
            "mx.example.com",
            Optional.empty(),
            Optional.empty(),
            ourResults());

    RspamdVerdict verdict = client.check(scan, message("idn", "", "Greetings from Cologne."));

    // Sent as they are, a U-label domain or a UTF-8 local part would be "broken headers" to
    // rspamd 3.4: the domain goes as A-labels, an address with a UTF-8 local part not at all.
    assertThat(verdict.symbol("BROKEN_HEADERS")).isEmpty();
    assertThat(verdict.action()).isEqualTo(RspamdAction.NO_ACTION);
  }

  @Test
  @Order(1)
  void controlCharactersCannotAddARequestHeader() throws Exception {
    RspamdScan scan =
        new RspamdScan(
            InetAddress.getByName("192.0.2.8"),
            "evil\r\nSettings: {\"symbols_enabled\":[]}",
            "alice@example.org\r\nX-Injected: 1",
            List.of("bob@example.com"),
            "Q3\n",
            "mx.example.com",
            Optional.of("TLSv1.3\r\n TLS_AES_128_GCM_SHA256"),
            Optional.of("u-\r\nevil"),
            List.of());

    RspamdVerdict verdict = client.check(scan, message("hostile", "", GTUBE));

    // rspamd ran its rules as usual: no injected Settings header turned them off.
    assertThat(verdict.action()).isEqualTo(RspamdAction.REJECT);
  }

  @Test
  @Order(2)
  void learningCountsForTheUserAndRefusesARepeat() throws Exception {
    long before = rspamd.stat().path("learned").asLong();
    byte[] spam = message("learn-spam", "", "Win a prize now, click the link, limited offer.");
    byte[] ham = message("learn-ham", "", "The minutes of Tuesday's meeting are attached.");

    assertThat(client.learn(Lesson.SPAM, "u-learn", spam)).isEqualTo(LearnOutcome.LEARNED);
    assertThat(client.learn(Lesson.HAM, "u-learn", ham)).isEqualTo(LearnOutcome.LEARNED);
    assertThat(client.learn(Lesson.SPAM, "u-learn", spam)).isEqualTo(LearnOutcome.REFUSED);

    assertThat(rspamd.learns("u-learn", Lesson.SPAM)).isEqualTo(1);
    assertThat(rspamd.learns("u-learn", Lesson.HAM)).isEqualTo(1);
    assertThat(rspamd.learns("u-other", Lesson.SPAM)).isZero();
    assertThat(rspamd.stat().path("learned").asLong()).isEqualTo(before + 2);
  }

  @Test
  @Order(2)
  void aPeerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      RspamdClient slow =
          new RspamdClient(new RspamdEndpoints(uri, uri, Optional.empty(), Duration.ofMillis(300)));
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket accepted = silent.accept()) {
                  accepted.getInputStream().readAllBytes();
                } catch (Exception ignored) {
                  // closed by the test
                }
              });
      acceptor.start();

      assertThatThrownBy(() -> slow.check(scan(List.of()), message("slow", "", "Hello.")))
          .isInstanceOf(RspamdException.class)
          .hasMessageNotContaining("example");
      assertThat(slow.ping()).isFalse();
    }
  }

  @Test
  @Order(3)
  void rspamdStoppedIsAnException() throws Exception {
    rspamd.stopRspamd();

    assertThat(client.ping()).isFalse();
    assertThatThrownBy(() -> client.check(scan(ourResults()), message("down", "", "Hello.")))
        .isInstanceOf(RspamdException.class)
        .hasMessageContaining("/checkv2")
        .hasMessageNotContaining("example");
    assertThatThrownBy(() -> client.learn(Lesson.SPAM, "u-down", message("down", "", "Hi.")))
        .isInstanceOf(RspamdException.class);
  }
}
