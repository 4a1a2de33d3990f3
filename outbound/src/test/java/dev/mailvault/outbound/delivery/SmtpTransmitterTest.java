package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.testing.MtaStsServer;
import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.outbound.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against real peers on loopback: Debian's Postfix as the MX (one with a certificate for
 * its name, one with a certificate for another name), dnsmasq serving the test zone, and an HTTPS
 * server for MTA-STS policies. 127.0.0.3 and 127.0.0.4 have no listener.
 */
class SmtpTransmitterTest {

  @TempDir static Path directory;

  private static DnsmasqZone zone;
  private static PostfixPeer peer;
  private static PostfixPeer wrongName;
  private static PostfixPeer plain;
  private static MtaStsServer policies;
  private static SmtpTransmitter transmitter;
  private static DeliverySettings settings;

  @BeforeAll
  static void startPeers() throws Exception {
    TestCa ca = TestCa.create("Test CA");
    policies =
        new MtaStsServer("127.0.0.1", ca.issue("mta-sts.sts.test", "mta-sts.stsbad.test"))
            .policy(
                "sts.test", "version: STSv1\nmode: enforce\nmx: mx1.peer.test\nmax_age: 86400\n")
            .policy(
                "stsbad.test",
                "version: STSv1\nmode: enforce\nmx: *.stsbad.test\nmax_age: 86400\n");
    peer =
        new PostfixPeer(
                Files.createDirectories(directory.resolve("peer")), "127.0.0.2", "mx1.peer.test")
            .mailbox("alice@peer.test")
            .mailbox("bob@peer.test")
            .mailbox("ivan@peer.test")
            .mailbox("judy@peer.test")
            .mailbox("carol@fallback.test")
            .mailbox("dave@implicit.test")
            .mailbox("erin@sts.test")
            .mailbox("frank@requiretls.test")
            .refuse("refuse@peer.test", "550 5.7.1 refused here")
            .defer("defer@peer.test", "451 4.3.0 try later")
            .certificate(ca.issue("mx1.peer.test"))
            .logDialogue()
            .start();
    wrongName =
        new PostfixPeer(
                Files.createDirectories(directory.resolve("wrong")), "127.0.0.5", "mx.stsbad.test")
            .onPort(peer.port())
            .mailbox("grace@stsbad.test")
            .certificate(ca.issue("somewhere-else.test"))
            .start();
    plain =
        new PostfixPeer(
                Files.createDirectories(directory.resolve("plain")), "127.0.0.7", "mx.plain.test")
            .onPort(peer.port())
            .mailbox("henry@plain.test")
            .hideEhloKeywords("smtputf8")
            .slowEndOfData(1)
            .start();
    zone =
        new DnsmasqZone()
            .mx("plain.test", "mx.plain.test", 10)
            .host("mx.plain.test", "127.0.0.7")
            .mx("peer.test", "mx1.peer.test", 10)
            .host("mx1.peer.test", "127.0.0.2")
            .mx("fallback.test", "dead.fallback.test", 10)
            .mx("fallback.test", "mx1.peer.test", 20)
            .host("dead.fallback.test", "127.0.0.3")
            .mx("unreachable.test", "dead.unreachable.test", 10)
            .host("dead.unreachable.test", "127.0.0.4")
            .nullMx("nomail.test")
            .host("implicit.test", "127.0.0.2")
            .mx("sts.test", "mx1.peer.test", 10)
            .txt("_mta-sts.sts.test", "v=STSv1; id=20261205")
            .host("mta-sts.sts.test", "127.0.0.1")
            .mx("stsbad.test", "mx.stsbad.test", 10)
            .host("mx.stsbad.test", "127.0.0.5")
            .txt("_mta-sts.stsbad.test", "v=STSv1; id=1")
            .host("mta-sts.stsbad.test", "127.0.0.1")
            .mx("requiretls.test", "mx1.peer.test", 10)
            .start(Files.createDirectories(directory.resolve("dns")));
    settings =
        new DeliverySettings(
            "mailvault.test",
            peer.port(),
            policies.port(),
            2,
            Duration.ofSeconds(30),
            SmtpTimeouts.uniform(Duration.ofSeconds(30)),
            Duration.ZERO,
            Optional.of(ca.trustStore()));
    transmitter =
        new SmtpTransmitter(
            zone.client(),
            settings,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterAll
  static void stopPeers() throws Exception {
    if (zone != null) {
      zone.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (wrongName != null) {
      wrongName.close();
    }
    if (plain != null) {
      plain.close();
    }
    if (policies != null) {
      policies.close();
    }
  }

  @Test
  void deliversTheBytesAsSentOverStartTls() throws Exception {
    byte[] raw = message("<one@mailvault.test>", "..a line that starts with a period\r\n.\r\n");

    List<RecipientResult> results =
        transmitter.transmit(attempt("peer.test", raw, "alice@peer.test"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
              assertThat(r.status()).isEqualTo("2.0.0");
              assertThat(r.remoteMta()).contains("mx1.peer.test");
            });
    String stored = only(peer.awaitMessages("alice@peer.test", 1));
    // Maildir keeps LF line ends; the rest is the message byte for byte, below Postfix's fields.
    assertThat(stored).endsWith(new String(raw, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    assertThat(stored).containsPattern("by mx1\\.peer\\.test \\(Postfix\\) with ESMTPS id");
    assertThat(stored).contains("Return-Path: <sender@mailvault.test>");
  }

  @Test
  void messagesToTheSameDomainShareOneConnectionWhileItWaits() throws Exception {
    DeliverySettings reuse =
        new DeliverySettings(
            settings.heloName(),
            settings.smtpPort(),
            settings.httpsPort(),
            settings.connectionsPerDomain(),
            settings.slotWait(),
            settings.timeouts(),
            Duration.ofMinutes(10),
            settings.trustStore());
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (SmtpTransmitter reusing = new SmtpTransmitter(zone.client(), reuse, clock)) {
      // Every recipient refused: the transaction ends without DATA, in step with the host.
      assertThat(
              reusing.transmit(
                  attempt(
                      "peer.test", message("<r1@mailvault.test>", "x\r\n"), "refuse@peer.test")))
          .extracting(RecipientResult::outcome)
          .containsExactly(Outcome.PERMANENT);
      assertThat(reusing.idleConnections()).isEqualTo(1);

      assertThat(
              reusing.transmit(
                  attempt("peer.test", message("<r2@mailvault.test>", "y\r\n"), "judy@peer.test")))
          .extracting(RecipientResult::outcome)
          .containsExactly(Outcome.DELIVERED);
      assertThat(reusing.idleConnections()).isEqualTo(1);
      assertThat(only(peer.awaitMessages("judy@peer.test", 1)))
          .contains("Message-ID: <r2@mailvault.test>");
    }
    // Postfix sums up each connection as it ends: both transactions on one, RSET between them,
    // and the QUIT sent when the transmitter closed.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> peer.log(),
            log -> log.contains("starttls=1 mail=2 rcpt=1/2 data=1 rset=1 quit=1"));
  }

  @Test
  void oneRecipientsRefusalHoldsBackNoOther() throws Exception {
    byte[] raw = message("<two@mailvault.test>", "two\r\n");

    List<RecipientResult> results =
        transmitter.transmit(
            attempt("peer.test", raw, "refuse@peer.test", "bob@peer.test", "nobody@peer.test"));

    assertThat(results)
        .extracting(RecipientResult::recipient)
        .containsExactly("refuse@peer.test", "bob@peer.test", "nobody@peer.test");
    assertThat(results)
        .extracting(RecipientResult::outcome)
        .containsExactly(Outcome.PERMANENT, Outcome.DELIVERED, Outcome.PERMANENT);
    assertThat(results)
        .extracting(RecipientResult::status)
        .containsExactly("5.7.1", "2.0.0", "5.1.1");
    assertThat(results.get(0).diagnostic()).startsWith("smtp; 550 5.7.1");
    assertThat(only(peer.awaitMessages("bob@peer.test", 1)))
        .contains("Message-ID: <two@mailvault.test>");
  }

  @Test
  void dsnAndEightBitParametersArePassedToAHostThatOffersThem() throws Exception {
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            "q-dsn",
            "sender@mailvault.test",
            "peer.test",
            List.of(
                new OutboundRecipient(
                    "ivan@peer.test",
                    java.util.Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                    Optional.of("rfc822;a+b=c@peer.test"))),
            message("<dsn@mailvault.test>", "caf\u00e9\r\n"),
            Optional.of("env 1+"),
            DsnReturn.HEADERS,
            false,
            false,
            true);

    assertThat(transmitter.transmit(attempt))
        .extracting(RecipientResult::outcome)
        .containsExactly(Outcome.DELIVERED);

    // RFC 3461 §4: ENVID and ORCPT in xtext; RFC 1870 SIZE; RFC 6152 BODY.
    String log = peer.log();
    assertThat(log)
        .containsPattern(
            "MAIL FROM:<sender@mailvault\\.test> SIZE=\\d+ BODY=8BITMIME RET=HDRS ENVID=env\\+201\\+2B");
    assertThat(log)
        .contains(
            "RCPT TO:<ivan@peer.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a+2Bb+3Dc@peer.test");
  }

  @Test
  void aDeferredRecipientIsTemporary() {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("peer.test", message("<three@mailvault.test>", "x\r\n"), "defer@peer.test"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY);
              assertThat(r.status()).isEqualTo("4.3.0");
              assertThat(r.diagnostic()).startsWith("smtp; 451 4.3.0");
            });
  }

  @Test
  void anUnreachableDestinationIsTemporary() {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt(
                "unreachable.test",
                message("<four@mailvault.test>", "x\r\n"),
                "x@unreachable.test"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY);
              assertThat(r.status()).isEqualTo("4.4.1");
              assertThat(r.remoteMta()).contains("dead.unreachable.test");
            });
  }

  @Test
  void aNullMxIsPermanent() {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("nomail.test", message("<five@mailvault.test>", "x\r\n"), "x@nomail.test"));

    assertThat(results)
        .extracting(RecipientResult::outcome, RecipientResult::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.PERMANENT, "5.1.10"));
  }

  @Test
  void aDomainThatDoesNotExistIsPermanent() {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("missing.test", message("<six@mailvault.test>", "x\r\n"), "x@missing.test"));

    assertThat(results)
        .extracting(RecipientResult::outcome, RecipientResult::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.PERMANENT, "5.1.2"));
  }

  @Test
  void theSecondMxTakesOverWhenTheFirstHasNoListener() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt(
                "fallback.test",
                message("<seven@mailvault.test>", "x\r\n"),
                "carol@fallback.test"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
              assertThat(r.remoteMta()).contains("mx1.peer.test");
            });
    assertThat(only(peer.awaitMessages("carol@fallback.test", 1)))
        .contains("Message-ID: <seven@mailvault.test>");
  }

  @Test
  void aDomainWithoutMxIsItsOwnMx() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt(
                "implicit.test", message("<eight@mailvault.test>", "x\r\n"), "dave@implicit.test"));

    assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.DELIVERED);
    assertThat(results.get(0).remoteMta()).contains("implicit.test");
    assertThat(only(peer.awaitMessages("dave@implicit.test", 1)))
        .contains("Message-ID: <eight@mailvault.test>");
  }

  @Test
  void anEnforcedMtaStsPolicyIsMetByAValidCertificate() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("sts.test", message("<nine@mailvault.test>", "x\r\n"), "erin@sts.test"));

    assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.DELIVERED);
    assertThat(only(peer.awaitMessages("erin@sts.test", 1))).contains("with ESMTPS");
    assertThat(policies.requests("sts.test")).isEqualTo(1);
  }

  @Test
  void anEnforcedMtaStsPolicyDefersWhenTheCertificateNamesAnotherHost() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("stsbad.test", message("<ten@mailvault.test>", "x\r\n"), "grace@stsbad.test"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY);
              assertThat(r.status()).isEqualTo("4.7.5");
            });
    assertThat(wrongName.messages("grace@stsbad.test")).isEmpty();
    assertThat(policies.requests("stsbad.test")).isPositive();
  }

  @Test
  void requireTlsWithoutAWayToVerifyTheMxIsRefused() throws Exception {
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            "q-requiretls",
            "sender@mailvault.test",
            "requiretls.test",
            List.of(OutboundRecipient.of("frank@requiretls.test")),
            message("<eleven@mailvault.test>", "x\r\n"),
            Optional.empty(),
            DsnReturn.DEFAULT,
            true,
            false,
            false);

    List<RecipientResult> results = transmitter.transmit(attempt);

    assertThat(results)
        .extracting(RecipientResult::outcome, RecipientResult::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.PERMANENT, "5.7.10"));
    assertThat(peer.messages("frank@requiretls.test")).isEmpty();
  }

  @Test
  void aHostWithoutStartTlsGetsTheMessageInPlainText() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(
            attempt("plain.test", message("<twelve@mailvault.test>", "x\r\n"), "henry@plain.test"));

    assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.DELIVERED);
    String stored = only(plain.awaitMessages("henry@plain.test", 1));
    assertThat(stored).containsPattern("by mx\\.plain\\.test \\(Postfix\\) with ESMTP id");
  }

  @Test
  void aMessageThatNeedsSmtpUtf8IsRefusedWhereItIsNotOffered() throws Exception {
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            "q-utf8",
            "sender@mailvault.test",
            "plain.test",
            List.of(OutboundRecipient.of("henry@plain.test")),
            message("<thirteen@mailvault.test>", "x\r\n"),
            Optional.empty(),
            DsnReturn.DEFAULT,
            false,
            true,
            true);

    List<RecipientResult> results = transmitter.transmit(attempt);

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
              assertThat(r.status()).isEqualTo("5.6.7");
              assertThat(r.remoteMta()).contains("mx.plain.test");
            });
  }

  private static DeliveryAttempt attempt(String domain, byte[] raw, String... recipients) {
    return new DeliveryAttempt(
        "q-" + domain,
        "sender@mailvault.test",
        domain,
        Arrays.stream(recipients).map(OutboundRecipient::of).toList(),
        raw,
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  private static byte[] message(String messageId, String body) {
    return ("From: sender@mailvault.test\r\n"
            + "To: someone@peer.test\r\n"
            + "Subject: delivery test\r\n"
            + "Date: Sat, 05 Dec 2026 12:00:00 +0000\r\n"
            + "Message-ID: "
            + messageId
            + "\r\n"
            + "\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String only(List<byte[]> messages) {
    assertThat(messages).hasSize(1);
    return new String(messages.get(0), StandardCharsets.UTF_8);
  }
}
