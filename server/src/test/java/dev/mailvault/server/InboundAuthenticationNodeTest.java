package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node wires the MX's arrival checks from the settings (ADR 0206): {@code dns.resolvers} points
 * them at a real dnsmasq zone, and a DMARC {@code p=reject} failure is refused over the wire.
 */
class InboundAuthenticationNodeTest {

  @TempDir Path data;
  @TempDir Path zoneDirectory;

  private Map<Setting, String> settings(String resolvers) {
    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    values.put(Setting.HTTP_PORT, "0");
    values.put(Setting.HTTPS_PORT, "0");
    values.put(Setting.IMAP_PORT, "0");
    values.put(Setting.IMAPS_PORT, "0");
    values.put(Setting.POP3_PORT, "0");
    values.put(Setting.POP3S_PORT, "0");
    values.put(Setting.MANAGESIEVE_PORT, "0");
    values.put(Setting.SMTP_PORT, "0");
    values.put(Setting.SMTP_HOSTNAME, "mx.test");
    values.put(Setting.DNS_RESOLVERS, resolvers);
    return values;
  }

  @Test
  void aDmarcRejectFailureIsRefusedWith550() throws Exception {
    try (DnsmasqZone zone =
            new DnsmasqZone()
                .txt("bad.test", "v=spf1 -all")
                .txt("_dmarc.rej.test", "v=DMARC1; p=reject")
                .start(zoneDirectory);
        TestedNode node = TestedNode.start(settings(zone.server()))) {
      node.directory().addDomain(EmailAddress.parse("hello@example.com").domain());
      new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
          .create(EmailAddress.parse("hello@example.com"), "a long enough password".toCharArray())
          .close();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.smtpPort())) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        assertThat(in.readLine()).startsWith("220 ");
        assertThat(command(in, out, "EHLO client.test")).startsWith("250 ");
        assertThat(command(in, out, "MAIL FROM:<x@bad.test>")).startsWith("250 ");
        assertThat(command(in, out, "RCPT TO:<hello@example.com>")).startsWith("250 ");
        assertThat(command(in, out, "DATA")).startsWith("354 ");
        assertThat(command(in, out, "From: <a@rej.test>\r\nSubject: x\r\n\r\nhi\r\n."))
            .startsWith("550 5.7.1 ");
      }
    }
  }

  @Test
  void aResolverThatIsNoAddressStopsTheStart() {
    assertThatThrownBy(() -> TestedNode.start(settings("dns.example:53")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'dns.example:53'");
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
