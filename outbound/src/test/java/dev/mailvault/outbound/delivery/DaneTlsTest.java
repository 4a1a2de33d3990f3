package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.outbound.testing.TestCa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * DANE's certificate checks (RFC 7672 §3) in a real STARTTLS handshake with Postfix, with TLSA
 * records made from the certificate it presents. The DNSSEC part (trusting the AD bit of the
 * configured resolver) is not exercised here: dnsmasq does not validate (ADR 0209).
 */
class DaneTlsTest {

  @TempDir static Path directory;

  private static TestCa ca;
  private static TestCa.Issued issued;
  private static PostfixPeer peer;
  private static TlsUpgrade upgrade;

  @BeforeAll
  static void startPeer() throws Exception {
    ca = TestCa.create("DANE CA");
    issued = ca.issue("mx1.dane.test");
    peer =
        new PostfixPeer(
                Files.createDirectories(directory.resolve("peer")), "127.0.0.6", "mx1.dane.test")
            .mailbox("alice@dane.test")
            .certificate(issued)
            .start();
    upgrade = new TlsUpgrade(Optional.empty());
  }

  @AfterAll
  static void stopPeer() throws Exception {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void daneEeMatchesTheLeafsPublicKeyDigest() throws Exception {
    X509Certificate leaf = issued.certificate();
    TLSARecord record = tlsa(3, 1, 1, sha256(leaf.getPublicKey().getEncoded()));

    assertThat(handshake(List.of(record), "mx1.dane.test")).isTrue();
  }

  @Test
  void daneEeMatchesTheWholeCertificateBySha512EvenUnderAnotherName() throws Exception {
    // RFC 7672 §3.1.1: DANE-EE checks no name.
    byte[] digest = MessageDigest.getInstance("SHA-512").digest(issued.certificate().getEncoded());

    assertThat(handshake(List.of(tlsa(3, 0, 2, digest)), "another-name.test")).isTrue();
  }

  @Test
  void daneTaMatchesTheIssuerAndChecksTheName() throws Exception {
    TLSARecord record = tlsa(2, 0, 1, sha256(ca.certificate().getEncoded()));

    assertThat(handshake(List.of(record), "mx1.dane.test")).isTrue();
    assertThat(handshake(List.of(record), "another-name.test")).isFalse();
  }

  @Test
  void aDigestOfAnotherKeyFailsTheHandshake() throws Exception {
    TestCa.Issued other = ca.issue("mx1.dane.test");
    TLSARecord record = tlsa(3, 1, 1, sha256(other.certificate().getPublicKey().getEncoded()));

    assertThat(handshake(List.of(record), "mx1.dane.test")).isFalse();
  }

  @Test
  void pkixUsagesNeverMatchForSmtp() throws Exception {
    byte[] digest = sha256(issued.certificate().getPublicKey().getEncoded());

    assertThat(DaneMatcher.matches(List.of(tlsa(1, 1, 1, digest)), issued.chain(), "mx1.dane.test"))
        .isFalse();
    assertThat(DaneMatcher.matches(List.of(tlsa(3, 1, 1, digest)), issued.chain(), "mx1.dane.test"))
        .isTrue();
  }

  /** EHLO, STARTTLS, and the handshake under DANE: whether the certificate passed. */
  private static boolean handshake(List<TLSARecord> records, String hostName) throws Exception {
    TlsRequirement requirement =
        new TlsRequirement(TlsRequirement.Mode.DANE, hostName, records, "DANE TLSA records apply");
    Duration timeout = Duration.ofSeconds(30);
    try (SmtpConnection connection =
        SmtpConnection.open(new InetSocketAddress(peer.address(), peer.port()), timeout)) {
      assertThat(connection.reply(timeout).code()).isEqualTo(220);
      assertThat(connection.command("EHLO client.test", timeout).lines()).contains("STARTTLS");
      assertThat(connection.command("STARTTLS", timeout).code()).isEqualTo(220);
      try {
        connection.startTls(upgrade, requirement, peer.port(), timeout);
      } catch (IOException e) {
        return false;
      }
      assertThat(connection.encrypted()).isTrue();
      assertThat(connection.command("EHLO client.test", timeout).code()).isEqualTo(250);
      return true;
    }
  }

  private static TLSARecord tlsa(int usage, int selector, int matching, byte[] data)
      throws Exception {
    return new TLSARecord(
        Name.fromString("_25._tcp.mx1.dane.test."),
        DClass.IN,
        300,
        usage,
        selector,
        matching,
        data);
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
