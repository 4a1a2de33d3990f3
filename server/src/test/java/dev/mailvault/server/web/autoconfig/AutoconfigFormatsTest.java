package dev.mailvault.server.web.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.server.dns.MailHost;
import dev.mailvault.server.web.autoconfig.ClientSettings.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The three client formats, written from one {@link ClientSettings}, read by their readers. */
class AutoconfigFormatsTest {

  private static final ClientSettings SETTINGS =
      ClientSettings.of(
          new MailHost(
              "Mail.Example.COM",
              Optional.empty(),
              new MailHost.Ports(587, 465, 143, 993, 110, 995),
              true));

  @TempDir Path work;

  @Test
  void theThunderbirdFileIsValidConfigV11WithImapPopAndSubmission() throws Exception {
    String xml = ThunderbirdConfig.render(SETTINGS, DomainName.parse("example.com"));
    ConfigV11Schema.validate(xml);

    Document doc = parse(xml);
    Element provider = (Element) doc.getElementsByTagName("emailProvider").item(0);
    assertThat(provider.getAttribute("id")).isEqualTo("example.com");
    assertThat(servers(doc, "incomingServer"))
        .containsExactly(
            "imap mail.example.com 993 SSL password-cleartext %EMAILADDRESS%",
            "imap mail.example.com 143 STARTTLS password-cleartext %EMAILADDRESS%",
            "pop3 mail.example.com 995 SSL password-cleartext %EMAILADDRESS%",
            "pop3 mail.example.com 110 STARTTLS password-cleartext %EMAILADDRESS%");
    assertThat(servers(doc, "outgoingServer"))
        .containsExactly(
            "smtp mail.example.com 465 SSL password-cleartext %EMAILADDRESS%",
            "smtp mail.example.com 587 STARTTLS password-cleartext %EMAILADDRESS%");
  }

  @Test
  void theSchemaRefusesWhatThunderbirdWouldNotRead() throws Exception {
    String good = ThunderbirdConfig.render(SETTINGS, DomainName.parse("example.com"));
    for (String[] swap :
        new String[][] {
          {"<socketType>SSL</socketType>", "<socketType>TLS</socketType>"},
          {"password-cleartext", "password"},
          {"<port>993</port>", "<port>0</port>"},
          {"%EMAILADDRESS%", "%EMAIL%"},
          {"type=\"imap\"", "type=\"jmap\""},
          {"<clientConfig version=\"1.1\">", "<clientConfig version=\"1.0\">"}
        }) {
      String bad = good.replaceFirst(java.util.regex.Pattern.quote(swap[0]), swap[1]);
      assertThat(bad).isNotEqualTo(good);
      assertThatThrownBy(() -> ConfigV11Schema.validate(bad))
          .as(swap[1])
          .isInstanceOf(SAXException.class);
    }
  }

  @Test
  void autodiscoverAnswersAPoxRequestInThe2006aForm() throws Exception {
    String address = Autodiscover.requestedAddress(request("user@example.com"));
    assertThat(address).isEqualTo("user@example.com");

    Document doc = parse(Autodiscover.render(SETTINGS, address));
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(Autodiscover.RESPONSE_NS);
    Element response = (Element) doc.getElementsByTagNameNS("*", "Response").item(0);
    assertThat(response.getNamespaceURI()).isEqualTo(Autodiscover.OUTLOOK_NS);
    assertThat(text(response, "AccountType")).isEqualTo("email");
    assertThat(text(response, "Action")).isEqualTo("settings");
    NodeList protocols = response.getElementsByTagNameNS(Autodiscover.OUTLOOK_NS, "Protocol");
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < protocols.getLength(); i++) {
      Element p = (Element) protocols.item(i);
      seen.append(text(p, "Type"))
          .append(' ')
          .append(text(p, "Server"))
          .append(' ')
          .append(text(p, "Port"))
          .append(' ')
          .append(text(p, "Encryption"))
          .append(' ')
          .append(text(p, "LoginName"))
          .append(' ')
          .append(text(p, "SPA"))
          .append('\n');
    }
    assertThat(seen.toString())
        .isEqualTo(
            "IMAP mail.example.com 993 SSL user@example.com off\n"
                + "SMTP mail.example.com 465 SSL user@example.com off\n"
                + "POP3 mail.example.com 995 SSL user@example.com off\n");
  }

  @Test
  void autodiscoverRefusesDtdsEntitiesOtherSchemasAndLargeBodies() throws Exception {
    Path secret = java.nio.file.Files.writeString(work.resolve("secret.txt"), "s3cr3t-content");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file://"
            + secret
            + "\">]><Autodiscover xmlns=\""
            + Autodiscover.REQUEST_NS
            + "\"><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>";
    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Autodiscover xmlns=\""
            + Autodiscover.REQUEST_NS
            + "\"><Request><EMailAddress>&b;</EMailAddress></Request></Autodiscover>";
    String otherSchema =
        new String(request("user@example.com"), StandardCharsets.UTF_8)
            .replace("responseschema/2006a", "responseschema/2006");
    for (String body : new String[] {xxe, laughs, otherSchema, "not xml", ""}) {
      assertThatThrownBy(() -> Autodiscover.requestedAddress(body.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(Autodiscover.BadRequest.class)
          .hasMessageNotContaining(secret.toString())
          .hasMessageNotContaining("s3cr3t-content");
    }
    byte[] large = new byte[Autodiscover.MAX_REQUEST_BYTES + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    assertThatThrownBy(() -> Autodiscover.requestedAddress(large))
        .isInstanceOf(Autodiscover.BadRequest.class);
  }

  @Test
  void theProfileIsAPlistWithAMailPayloadAndStableIdentifiers() throws Exception {
    Assumptions.assumeTrue(Plist.available(), "python3 is not installed");
    byte[] profile = MobileConfig.render(SETTINGS, "Anna@example.com", Protocol.IMAP);
    JsonNode p = Plist.read(profile, work);

    assertThat(p.get("PayloadType").asText()).isEqualTo("Configuration");
    assertThat(p.get("PayloadVersion").asInt()).isEqualTo(1);
    assertThat(p.get("PayloadContent")).hasSize(1);
    JsonNode mail = p.get("PayloadContent").get(0);
    assertThat(mail.get("PayloadType").asText()).isEqualTo("com.apple.mail.managed");
    assertThat(mail.get("EmailAccountType").asText()).isEqualTo("EmailTypeIMAP");
    assertThat(mail.get("EmailAddress").asText()).isEqualTo("Anna@example.com");
    assertThat(mail.get("IncomingMailServerHostName").asText()).isEqualTo("mail.example.com");
    assertThat(mail.get("IncomingMailServerPortNumber").asInt()).isEqualTo(993);
    assertThat(mail.get("IncomingMailServerUseSSL").asBoolean()).isTrue();
    assertThat(mail.get("IncomingMailServerUsername").asText()).isEqualTo("Anna@example.com");
    assertThat(mail.get("IncomingMailServerAuthentication").asText())
        .isEqualTo("EmailAuthPassword");
    assertThat(mail.get("OutgoingMailServerPortNumber").asInt()).isEqualTo(465);
    assertThat(mail.get("OutgoingMailServerUseSSL").asBoolean()).isTrue();
    assertThat(mail.get("OutgoingPasswordSameAsIncomingPassword").asBoolean()).isTrue();
    // Mail asks for the password on install: none is carried.
    assertThat(mail.has("IncomingPassword")).isFalse();
    assertThat(mail.has("OutgoingPassword")).isFalse();
    assertThat(p.get("PayloadUUID").asText()).matches("[0-9A-F-]{36}");
    assertThat(mail.get("PayloadUUID").asText())
        .matches("[0-9A-F-]{36}")
        .isNotEqualTo(p.get("PayloadUUID").asText());

    // The same address (in any case) on the same host: the same identifiers, so it replaces.
    JsonNode again =
        Plist.read(MobileConfig.render(SETTINGS, "anna@example.com", Protocol.POP3), work);
    assertThat(again.get("PayloadIdentifier").asText())
        .isEqualTo(p.get("PayloadIdentifier").asText());
    assertThat(again.get("PayloadUUID").asText()).isEqualTo(p.get("PayloadUUID").asText());
    JsonNode pop = again.get("PayloadContent").get(0);
    assertThat(pop.get("EmailAccountType").asText()).isEqualTo("EmailTypePOP");
    assertThat(pop.get("IncomingMailServerPortNumber").asInt()).isEqualTo(995);
    // Another address: other identifiers.
    JsonNode other =
        Plist.read(MobileConfig.render(SETTINGS, "bob@example.com", Protocol.IMAP), work);
    assertThat(other.get("PayloadUUID").asText()).isNotEqualTo(p.get("PayloadUUID").asText());
  }

  static byte[] request(String address) {
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\""
            + Autodiscover.REQUEST_NS
            + "\"><Request><EMailAddress>"
            + address
            + "</EMailAddress><AcceptableResponseSchema>"
            + Autodiscover.OUTLOOK_NS
            + "</AcceptableResponseSchema></Request></Autodiscover>")
        .getBytes(StandardCharsets.UTF_8);
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Element parent, String name) {
    return parent.getElementsByTagNameNS("*", name).item(0).getTextContent();
  }

  private static java.util.List<String> servers(Document doc, String element) {
    java.util.List<String> out = new java.util.ArrayList<>();
    NodeList list = doc.getElementsByTagName(element);
    for (int i = 0; i < list.getLength(); i++) {
      Element s = (Element) list.item(i);
      out.add(
          s.getAttribute("type")
              + " "
              + text(s, "hostname")
              + " "
              + text(s, "port")
              + " "
              + text(s, "socketType")
              + " "
              + text(s, "authentication")
              + " "
              + text(s, "username"));
    }
    return out;
  }
}
