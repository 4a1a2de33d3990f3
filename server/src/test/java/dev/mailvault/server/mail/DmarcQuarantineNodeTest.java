package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0206 through the whole node: a message from 127.0.0.1 that fails SPF and DMARC for a domain
 * publishing {@code p=quarantine} in a real dnsmasq zone lands in the vault's Junk folder, whether
 * the alias is offline (sealed to the spool, drained at login) or has a session open (appended
 * live), and INBOX stays empty; with {@code smtp.dmarc-quarantine=false} it lands in INBOX.
 */
class DmarcQuarantineNodeTest {

  private static final String ALIAS = "hello@example.com";
  private static final String PASSWORD = "a long enough password";
  private static final String QUARANTINE_FIELD = "X-Mailvault-Quarantine: dmarc\r\n";

  @TempDir static Path zoneDirectory;
  @TempDir Path data;
  private static DnsmasqZone zone;

  @BeforeAll
  static void startZone() throws Exception {
    zone =
        new DnsmasqZone()
            // SPF -all: the client 127.0.0.1 fails, so DMARC has nothing aligned that passed.
            .txt("bad.test", "v=spf1 -all")
            .txt("_dmarc.bad.test", "v=DMARC1; p=quarantine")
            .start(zoneDirectory);
  }

  @AfterAll
  static void stopZone() throws Exception {
    zone.close();
  }

  @Test
  void aQuarantinedMessageLandsInJunkOfflineAndLive() throws Exception {
    try (TestedNode node = start(true)) {
      assertThat(send(node, "Subject: offline")).startsWith("250 ");

      // The login drains the sealed item into Junk.
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.selectInbox()).isZero();
        assertThat(imap.select("Junk")).isEqualTo(1);
        assertThat(bodies(imap)).singleElement().asString().contains(QUARANTINE_FIELD);

        // With the session open the delivery appends live, into Junk too.
        assertThat(send(node, "Subject: live")).startsWith("250 ");
        assertThat(imap.selectInbox()).isZero();
        assertThat(imap.select("Junk")).isEqualTo(2);
        assertThat(bodies(imap))
            .hasSize(2)
            .allSatisfy(body -> assertThat(body).contains(QUARANTINE_FIELD))
            .anySatisfy(body -> assertThat(body).contains("Subject: offline"))
            .anySatisfy(body -> assertThat(body).contains("Subject: live"));
      }
    }
  }

  @Test
  void withTheSettingOffItLandsInInboxUnmarked() throws Exception {
    try (TestedNode node = start(false)) {
      assertThat(send(node, "Subject: offline")).startsWith("250 ");

      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.select("Junk")).isZero();
        assertThat(imap.selectInbox()).isEqualTo(1);
        assertThat(bodies(imap))
            .singleElement()
            .asString()
            .contains("dmarc=fail")
            .doesNotContain("X-Mailvault-Quarantine");
      }
    }
  }

  private TestedNode start(boolean quarantine) throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.test");
    values.put(Setting.DNS_RESOLVERS, zone.server());
    values.put(Setting.SMTP_DMARC_QUARANTINE, Boolean.toString(quarantine));
    TestedNode node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray())
        .close();
    return node;
  }

  private static List<String> bodies(ImapProbe imap) throws Exception {
    return imap.fetchAll().stream()
        .map(fetched -> new String(fetched.body(), StandardCharsets.US_ASCII))
        .toList();
  }

  /** Sends one message from bad.test over the MX; returns the reply to the end of DATA. */
  private static String send(TestedNode node, String subject) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.smtpPort())) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      assertThat(command(in, out, "EHLO client.test")).startsWith("250 ");
      assertThat(command(in, out, "MAIL FROM:<x@bad.test>")).startsWith("250 ");
      assertThat(command(in, out, "RCPT TO:<" + ALIAS + ">")).startsWith("250 ");
      assertThat(command(in, out, "DATA")).startsWith("354 ");
      return command(in, out, "From: <a@bad.test>\r\n" + subject + "\r\n\r\nhi\r\n.");
    }
  }

  /** Sends {@code line} and returns the last line of the reply. */
  private static String command(BufferedReader in, OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = in.readLine();
    while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
      reply = in.readLine();
    }
    return reply;
  }
}
