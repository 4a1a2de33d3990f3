package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.dkim.DkimAlgorithm;
import dev.mailvault.mailauth.dkim.DkimKeys;
import dev.mailvault.mailauth.dkim.DkimSigner;
import dev.mailvault.mailauth.dkim.DkimSigningKey;
import dev.mailvault.mailauth.dkim.DkimVerifier;
import dev.mailvault.mailauth.dmarc.DmarcVerifier;
import dev.mailvault.mailauth.dmarc.OrganizationalDomain;
import dev.mailvault.mailauth.spf.SpfVerifier;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.smtp.session.InboundAuthentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MX checks SPF, DKIM and DMARC on arrival against a real dnsmasq zone (the client is
 * 127.0.0.1): it writes Authentication-Results, drops forged ones for its own host name, refuses
 * {@code p=reject} failures with 550 5.7.1 and marks {@code p=quarantine} failures (ADR 0206).
 */
class InboundAuthenticationTest {

  @TempDir static Path zoneDirectory;
  @TempDir Path data;
  private static DnsmasqZone zone;
  private static KeyPair dkimKey;

  @BeforeAll
  static void startZone() throws Exception {
    dkimKey = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
    zone =
        new DnsmasqZone()
            .txt("good.test", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.good.test", "v=DMARC1; p=reject")
            .txt("bad.test", "v=spf1 -all")
            .txt("_dmarc.rej.test", "v=DMARC1; p=reject")
            .txt("_dmarc.quar.test", "v=DMARC1; p=quarantine")
            .txt("_dmarc.signed.test", "v=DMARC1; p=reject")
            .txt(
                "s1._domainkey.signed.test",
                DkimKeys.txtRecord(DkimAlgorithm.ED25519_SHA256, dkimKey.getPublic()))
            .start(zoneDirectory);
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  private static InboundAuthentication checks(boolean reject, boolean quarantine) {
    return new InboundAuthentication(
        new SpfVerifier(zone.client()),
        new DkimVerifier(zone.client(), Clock.systemUTC()),
        new DmarcVerifier(
            zone.client(), new OrganizationalDomain(OrganizationalDomain.DEBIAN_LIST)),
        reject,
        quarantine);
  }

  private static String send(LiveSmtpServer server, String mailFrom, byte[] message, String reply)
      throws Exception {
    server.addAlias("rcpt@example.com");
    try (SmtpClient client = server.connect()) {
      client.expect("220 mx.test ESMTP Mailvault ready");
      client.send("EHLO client.test").reply();
      client.command("MAIL FROM:<" + mailFrom + ">", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<rcpt@example.com>", "250 2.1.5 Recipient OK");
      client.sendRaw("BDAT " + message.length + " LAST\r\n");
      client.sendBytes(message);
      return client.expectStart(reply);
    }
  }

  private static byte[] message(String from, String extraHeaders) {
    return (extraHeaders + "From: Someone <someone@" + from + ">\r\nSubject: hi\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String stored(LiveSmtpServer server) {
    return new String(server.delivery().last().message().raw(), StandardCharsets.US_ASCII);
  }

  @Test
  void aPassingMessageGetsOurResultsAndLosesForgedOnes() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.withAuthentication(data, checks(true, true))) {
      send(
          server,
          "bounce@good.test",
          message(
              "good.test",
              "Authentication-Results: MX.TEST; dmarc=pass header.from=rej.test\r\n"
                  + "Authentication-Results: upstream.test; spf=fail\r\n"),
          "250 2.0.0 OK");
      String stored = stored(server);
      assertThat(stored)
          .contains(
              "Authentication-Results: mx.test;\r\n"
                  + "\tspf=pass smtp.mailfrom=good.test;\r\n"
                  + "\tdkim=none;\r\n"
                  + "\tdmarc=pass (p=reject) header.from=good.test\r\n")
          .contains("Authentication-Results: upstream.test; spf=fail\r\n")
          .doesNotContain("MX.TEST")
          .doesNotContain("X-Mailvault-Quarantine");
      assertThat(stored.indexOf("Authentication-Results: mx.test"))
          .isLessThan(stored.indexOf("Received:"));
    }
  }

  @Test
  void aDmarcRejectFailureIsRefused() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.withAuthentication(data, checks(true, true))) {
      String reply = send(server, "bounce@bad.test", message("rej.test", ""), "550 5.7.1");
      assertThat(reply).doesNotContain("rej.test");
      assertThat(server.delivery().delivered()).isEmpty();
    }
  }

  @Test
  void aDmarcRejectFailureIsDeliveredWhenTheSettingIsOff() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.withAuthentication(data, checks(false, true))) {
      send(server, "bounce@bad.test", message("rej.test", ""), "250 2.0.0 OK");
      assertThat(stored(server))
          .contains("\tspf=fail smtp.mailfrom=bad.test;")
          .contains("dmarc=fail (p=reject) header.from=rej.test");
    }
  }

  @Test
  void aDmarcQuarantineFailureIsMarked() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.withAuthentication(data, checks(true, true))) {
      send(server, "bounce@bad.test", message("quar.test", ""), "250 2.0.0 OK");
      assertThat(stored(server)).contains("\r\nX-Mailvault-Quarantine: dmarc\r\n");
    }
    try (LiveSmtpServer server =
        LiveSmtpServer.withAuthentication(data.resolve("off"), checks(true, false))) {
      send(server, "bounce@bad.test", message("quar.test", ""), "250 2.0.0 OK");
      assertThat(stored(server)).doesNotContain("X-Mailvault-Quarantine");
    }
  }

  @Test
  void anAlignedDkimSignaturePassesDmarcWhereSpfFails() throws Exception {
    byte[] signed =
        new DkimSigner(Clock.systemUTC())
            .sign(
                message("signed.test", ""),
                List.of(
                    new DkimSigningKey(
                        "signed.test", "s1", DkimAlgorithm.ED25519_SHA256, dkimKey.getPrivate())));
    try (LiveSmtpServer server = LiveSmtpServer.withAuthentication(data, checks(true, true))) {
      send(server, "bounce@bad.test", signed, "250 2.0.0 OK");
      assertThat(stored(server))
          .contains("\tspf=fail smtp.mailfrom=bad.test;")
          .contains("\tdkim=pass header.d=signed.test header.s=s1 header.b=")
          .contains("dmarc=pass (p=reject) header.from=signed.test");
    }
  }
}
