package dev.mailvault.server.web.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.WebClient;
import dev.mailvault.server.web.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Autoconfiguration on a real node (ADR 0269): Thunderbird's file and Outlook's Autodiscover on
 * both listeners, for served domains only; the Apple profile for a logged-in alias owner only.
 */
class AutoconfigTest {

  private static final String HOST = "mx.example.test";
  private static final String WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml";

  @TempDir static Path data;
  @TempDir static Path work;
  private static TestedNode node;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(data, HOST);
    // The answers carry the configured ports, so these are real ones rather than 0.
    List<Setting> clientPorts =
        List.of(
            Setting.IMAP_PORT,
            Setting.IMAPS_PORT,
            Setting.POP3_PORT,
            Setting.POP3S_PORT,
            Setting.SUBMISSION_PORT,
            Setting.SUBMISSIONS_PORT);
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (Setting s : clientPorts) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        values.put(s, Integer.toString(socket.getLocalPort()));
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    node = TestedNode.start(values);
    node.directory().addDomain(DomainName.parse("example.test"));
    node.directory().addAlias(EmailAddress.parse("anna@example.test"));
    web = new WebClient(node.clientsData(), node.httpsPort());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void thunderbirdGetsTheFileForAServedDomainOverHttps() throws Exception {
    WebClient.Reply reply = web.get(WELL_KNOWN + "?emailaddress=someone%40example.test");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).hasValue("application/xml; charset=utf-8");
    ConfigV11Schema.validate(reply.text());
    assertThat(reply.text())
        .contains("<emailProvider id=\"example.test\">")
        .contains("<hostname>" + HOST + "</hostname>")
        .contains("<port>" + node.imapsPort() + "</port>\n      <socketType>SSL")
        .contains("<port>" + node.imapPort() + "</port>\n      <socketType>STARTTLS")
        .contains("<port>" + node.pop3sPort() + "</port>\n      <socketType>SSL")
        .contains("<port>" + node.submissionsPort() + "</port>\n      <socketType>SSL")
        .contains("<port>" + node.submissionPort() + "</port>\n      <socketType>STARTTLS");
  }

  @Test
  void thunderbirdGetsTheSameFileOverPlainHttpFromTheAutoconfigHost() throws Exception {
    String https = web.get(WELL_KNOWN + "?emailaddress=anna%40example.test").text();
    // Thunderbird's first try: http://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=...
    Raw byAddress =
        raw(
            node.httpPort(),
            "GET /mail/config-v1.1.xml?emailaddress=anna%40example.test",
            "autoconfig.example.test");
    assertThat(byAddress.status()).isEqualTo(200);
    assertThat(byAddress.body()).isEqualTo(https);
    // Without the address, the host names the domain.
    Raw byHost = raw(node.httpPort(), "GET /mail/config-v1.1.xml", "autoconfig.example.test");
    assertThat(byHost.status()).isEqualTo(200);
    assertThat(byHost.body()).isEqualTo(https);
    Raw wellKnown = raw(node.httpPort(), "GET " + WELL_KNOWN, "example.test");
    assertThat(wellKnown.body()).isEqualTo(https);
  }

  @Test
  void anyOtherDomainIs404AndAnUnknownAliasLooksLikeAKnownOne() throws Exception {
    WebClient.Reply other = web.get(WELL_KNOWN + "?emailaddress=anna%40elsewhere.test");
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.text()).doesNotContain("elsewhere");
    Raw otherHost = raw(node.httpPort(), "GET /mail/config-v1.1.xml", "autoconfig.elsewhere.test");
    assertThat(otherHost.status()).isEqualTo(404);
    Raw noHost = raw(node.httpPort(), "GET /mail/config-v1.1.xml", "127.0.0.1");
    assertThat(noHost.status()).isEqualTo(404);

    String known = web.get(WELL_KNOWN + "?emailaddress=anna%40example.test").text();
    String unknown = web.get(WELL_KNOWN + "?emailaddress=nobody%40example.test").text();
    assertThat(unknown).isEqualTo(known);
    WebClient.Reply outlookUnknown =
        web.send(
            "POST",
            "/autodiscover/autodiscover.xml",
            "text/xml",
            AutoconfigFormatsTest.request("nobody@example.test"));
    assertThat(outlookUnknown.status()).isEqualTo(200);
    WebClient.Reply outlookOther =
        web.send(
            "POST",
            "/autodiscover/autodiscover.xml",
            "text/xml",
            AutoconfigFormatsTest.request("anna@elsewhere.test"));
    assertThat(outlookOther.status()).isEqualTo(404);
  }

  @Test
  void outlookGetsAutodiscoverOnBothListenersAndBothSpellings() throws Exception {
    WebClient.Reply https =
        web.send(
            "POST",
            "/Autodiscover/Autodiscover.xml",
            "text/xml",
            AutoconfigFormatsTest.request("anna@example.test"));
    assertThat(https.status()).isEqualTo(200);
    Document doc = AutoconfigFormatsTest.parse(https.text());
    assertThat(doc.getElementsByTagNameNS(Autodiscover.OUTLOOK_NS, "Protocol").getLength())
        .isEqualTo(3);
    assertThat(https.text())
        .contains("<Type>IMAP</Type>\n        <Server>" + HOST + "</Server>")
        .contains("<Port>" + node.imapsPort() + "</Port>")
        .contains("<Port>" + node.submissionsPort() + "</Port>")
        .contains("<LoginName>anna@example.test</LoginName>");

    Raw plain =
        raw(
            node.httpPort(),
            "POST /autodiscover/autodiscover.xml",
            "autodiscover.example.test",
            AutoconfigFormatsTest.request("anna@example.test"));
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo(https.text());
  }

  @Test
  void anXxeBodyIsRefusedWithoutReadingTheFile() throws Exception {
    Path secret = java.nio.file.Files.writeString(work.resolve("secret"), "top-secret-text");
    String body =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><Autodiscover xmlns=\""
            + Autodiscover.REQUEST_NS
            + "\"><Request><EMailAddress>&x;@example.test</EMailAddress></Request></Autodiscover>";
    WebClient.Reply reply =
        web.send(
            "POST",
            "/autodiscover/autodiscover.xml",
            "text/xml",
            body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text()).doesNotContain("top-secret-text").doesNotContain(secret.toString());
  }

  @Test
  void theProfileNeedsAnAccountSessionAndNamesItsAlias() throws Exception {
    Assumptions.assumeTrue(Plist.available(), "python3 is not installed");
    WebClient.Reply anonymous = web.get("/account/mobileconfig");
    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.header("Location")).hasValue("/account/login");
    // An admin session is not an account session.
    WebSession admin = node.webSessions().start(WebSession.Kind.ADMIN, "root", null);
    assertThat(web.get("/account/mobileconfig", "Cookie", cookie(admin)).status()).isEqualTo(303);

    WebSession session =
        node.webSessions().start(WebSession.Kind.ACCOUNT, "anna@example.test", null);
    WebClient.Reply reply = web.get("/account/mobileconfig", "Cookie", cookie(session));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).hasValue(MobileConfig.CONTENT_TYPE);
    assertThat(reply.header("Content-Disposition"))
        .hasValue("attachment; filename=\"example.test.mobileconfig\"");
    JsonNode profile = Plist.read(reply.body(), work);
    JsonNode mail = profile.get("PayloadContent").get(0);
    assertThat(mail.get("EmailAddress").asText()).isEqualTo("anna@example.test");
    assertThat(mail.get("EmailAccountType").asText()).isEqualTo("EmailTypeIMAP");
    assertThat(mail.get("IncomingMailServerHostName").asText()).isEqualTo(HOST);
    assertThat(mail.get("IncomingMailServerPortNumber").asInt()).isEqualTo(node.imapsPort());
    assertThat(mail.get("OutgoingMailServerPortNumber").asInt()).isEqualTo(node.submissionsPort());

    WebClient.Reply pop = web.get("/account/mobileconfig?incoming=pop3", "Cookie", cookie(session));
    JsonNode popMail = Plist.read(pop.body(), work).get("PayloadContent").get(0);
    assertThat(popMail.get("EmailAccountType").asText()).isEqualTo("EmailTypePOP");
    assertThat(popMail.get("IncomingMailServerPortNumber").asInt()).isEqualTo(node.pop3sPort());
    assertThat(web.get("/account/mobileconfig?incoming=jmap", "Cookie", cookie(session)).status())
        .isEqualTo(400);

    // Over plain HTTP there is no profile: the session cookie is Secure, the path redirects.
    Raw plain = raw(node.httpPort(), "GET /account/mobileconfig", "example.test");
    assertThat(plain.status()).isEqualTo(308);
  }

  private static String cookie(WebSession session) {
    return node.webSessions().cookie(session).split(";", 2)[0];
  }

  private record Raw(int status, String body) {}

  private static Raw raw(int port, String requestLine, String host) throws IOException {
    return raw(port, requestLine, host, null);
  }

  /** One HTTP/1.1 exchange over a socket, so the Host header is the one a client would send. */
  private static Raw raw(int port, String requestLine, String host, byte[] body)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(requestLine)
              .append(" HTTP/1.1\r\nHost: ")
              .append(host)
              .append("\r\nConnection: close\r\n");
      if (body != null) {
        head.append("Content-Type: text/xml\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int split = answer.indexOf("\r\n\r\n");
      return new Raw(status, answer.substring(split + 4));
    }
  }
}
