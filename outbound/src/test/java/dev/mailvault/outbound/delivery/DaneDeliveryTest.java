package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.outbound.testing.TestCa;
import dev.mailvault.outbound.testing.UnboundSignedZone;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE end to end (RFC 7672, ADR 0209): a DNSSEC-signed zone validated by unbound on loopback (the
 * AD bit), TLSA records for the port in use, and Postfix presenting a certificate from a CA the
 * transmitter does not trust: the TLSA match alone lets the message through.
 */
class DaneDeliveryTest {

  @TempDir static Path directory;

  private static PostfixPeer peer;
  private static UnboundSignedZone zone;
  private static SmtpTransmitter transmitter;

  @BeforeAll
  static void start() throws Exception {
    TestCa untrusted = TestCa.create("CA nobody trusts");
    TestCa.Issued certificate = untrusted.issue("mx1.dane.test");
    peer =
        new PostfixPeer(
                Files.createDirectories(directory.resolve("peer")), "127.0.0.8", "mx1.dane.test")
            .mailbox("alice@dane.test")
            .mailbox("bob@bad.dane.test")
            .certificate(certificate)
            .start();
    byte[] spkiDigest =
        MessageDigest.getInstance("SHA-256")
            .digest(certificate.certificate().getPublicKey().getEncoded());
    byte[] otherDigest =
        MessageDigest.getInstance("SHA-256")
            .digest(untrusted.issue("mx2.dane.test").certificate().getPublicKey().getEncoded());
    String tcp = "_" + peer.port() + "._tcp.";
    zone = new UnboundSignedZone("dane.test");
    InetAddress address = InetAddress.getByName("127.0.0.8");
    zone.record(new MXRecord(zone.name("@"), DClass.IN, 300, 10, zone.name("mx1")))
        .record(new ARecord(zone.name("mx1"), DClass.IN, 300, address))
        .record(new TLSARecord(zone.name(tcp + "mx1"), DClass.IN, 300, 3, 1, 1, spkiDigest))
        .record(new MXRecord(zone.name("bad"), DClass.IN, 300, 10, zone.name("mx2")))
        .record(new ARecord(zone.name("mx2"), DClass.IN, 300, address))
        .record(new TLSARecord(zone.name(tcp + "mx2"), DClass.IN, 300, 3, 1, 1, otherDigest))
        .start(Files.createDirectories(directory.resolve("dns")));
    DeliverySettings settings =
        new DeliverySettings(
            "mailvault.test",
            peer.port(),
            443,
            2,
            Duration.ofSeconds(30),
            SmtpTimeouts.uniform(Duration.ofSeconds(30)),
            Duration.ZERO,
            Optional.empty());
    transmitter =
        new SmtpTransmitter(
            zone.client(),
            settings,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    if (zone != null) {
      zone.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void unboundValidatesTheZone() throws Exception {
    DnsAnswer mx = zone.client().query("dane.test", Type.MX);
    DnsAnswer tlsa = zone.client().query("_" + peer.port() + "._tcp.mx1.dane.test", Type.TLSA);
    DnsAnswer none = zone.client().query("_mta-sts.dane.test", Type.TXT);

    assertThat(mx.authenticated()).isTrue();
    assertThat(tlsa.authenticated()).isTrue();
    assertThat(tlsa.records()).hasSize(1);
    assertThat(none.nxdomain()).isTrue();
  }

  @Test
  void aCertificateMatchingTheTlsaRecordIsEnough() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(attempt("dane.test", "alice@dane.test", false));

    assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.DELIVERED);
    String stored =
        new String(peer.awaitMessages("alice@dane.test", 1).get(0), StandardCharsets.UTF_8);
    assertThat(stored).contains("with ESMTPS");
  }

  @Test
  void aCertificateMatchingNoTlsaRecordDefers() throws Exception {
    List<RecipientResult> results =
        transmitter.transmit(attempt("bad.dane.test", "bob@bad.dane.test", false));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY);
              assertThat(r.status()).isEqualTo("4.7.5");
            });
    assertThat(peer.messages("bob@bad.dane.test")).isEmpty();
  }

  @Test
  void requireTlsPassesDnssecAndStopsAtAHostWithoutRequireTls() {
    // Postfix 3.7 does not offer REQUIRETLS: RFC 8689 §4.2.1 forbids sending there.
    List<RecipientResult> results =
        transmitter.transmit(attempt("dane.test", "alice@dane.test", true));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
              assertThat(r.status()).isEqualTo("5.7.30");
            });
  }

  private static DeliveryAttempt attempt(String domain, String recipient, boolean requireTls) {
    byte[] raw =
        ("From: sender@mailvault.test\r\nTo: "
                + recipient
                + "\r\nSubject: dane\r\n"
                + "Message-ID: <dane@mailvault.test>\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return new DeliveryAttempt(
        "q-dane",
        "sender@mailvault.test",
        domain,
        List.of(OutboundRecipient.of(recipient)),
        raw,
        Optional.empty(),
        DsnReturn.DEFAULT,
        requireTls,
        false,
        false);
  }
}
