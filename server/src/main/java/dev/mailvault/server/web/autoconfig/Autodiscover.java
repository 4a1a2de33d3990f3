package dev.mailvault.server.web.autoconfig;

import dev.mailvault.server.web.autoconfig.ClientSettings.Endpoint;
import dev.mailvault.server.web.autoconfig.ClientSettings.Protocol;
import dev.mailvault.server.web.autoconfig.ClientSettings.Security;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Microsoft's "plain old XML" Autodiscover ([MS-OXDISCO], [MS-OXDSCLI]) for the Outlook
 * account-setup flow: the request names an address and asks for the {@code responseschema/2006a}
 * form; the answer lists an IMAP, an SMTP and a POP3 protocol. The request is read by a parser that
 * refuses any DTD, so no entity (external or expanding) is ever resolved, and only after its size
 * is checked.
 */
public final class Autodiscover {

  /** A POX request is a few hundred bytes; anything much larger is not one. */
  public static final int MAX_REQUEST_BYTES = 8 * 1024;

  static final String REQUEST_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
  static final String RESPONSE_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
  static final String OUTLOOK_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

  private Autodiscover() {}

  /** Why a request body cannot be answered: the message is safe to show the client. */
  public static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /**
   * The address a POX request asks about.
   *
   * @throws BadRequest when the body is too large, not well-formed, carries a DTD, is not an
   *     Autodiscover request, or asks for a schema other than 2006a
   */
  public static String requestedAddress(byte[] body) throws BadRequest {
    if (body.length == 0 || body.length > MAX_REQUEST_BYTES) {
      throw new BadRequest("an Autodiscover request is 1 to " + MAX_REQUEST_BYTES + " bytes");
    }
    Document doc;
    try {
      doc = parser().parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      // The parser's message may quote the body; the client gets a fixed one.
      throw new BadRequest("the request is not well-formed XML without a DTD");
    }
    Element root = doc.getDocumentElement();
    if (!"Autodiscover".equals(root.getLocalName()) || !REQUEST_NS.equals(root.getNamespaceURI())) {
      throw new BadRequest("not an Outlook Autodiscover request");
    }
    String address = child(root, "EMailAddress").map(String::strip).orElse("");
    if (address.isEmpty()) {
      throw new BadRequest("the request names no EMailAddress");
    }
    String schema = child(root, "AcceptableResponseSchema").map(String::strip).orElse(OUTLOOK_NS);
    if (!OUTLOOK_NS.equals(schema)) {
      throw new BadRequest("only the responseschema/2006a form is served");
    }
    return address;
  }

  /** The 2006a answer for {@code address} (the login name of every protocol). */
  public static String render(ClientSettings settings, String address) {
    StringBuilder xml = new StringBuilder(2048);
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<Autodiscover xmlns=\"")
        .append(RESPONSE_NS)
        .append("\">\n")
        .append("  <Response xmlns=\"")
        .append(OUTLOOK_NS)
        .append("\">\n")
        .append("    <Account>\n")
        .append("      <AccountType>email</AccountType>\n")
        .append("      <Action>settings</Action>\n");
    protocol(xml, "IMAP", settings.hostname(), settings.preferred(Protocol.IMAP), address);
    protocol(xml, "SMTP", settings.hostname(), settings.preferred(Protocol.SMTP), address);
    protocol(xml, "POP3", settings.hostname(), settings.preferred(Protocol.POP3), address);
    xml.append("    </Account>\n").append("  </Response>\n").append("</Autodiscover>\n");
    return xml.toString();
  }

  private static void protocol(
      StringBuilder xml, String type, String host, Endpoint e, String address) {
    xml.append("      <Protocol>\n")
        .append("        <Type>")
        .append(type)
        .append("</Type>\n")
        .append("        <Server>")
        .append(Xml.text(host))
        .append("</Server>\n")
        .append("        <Port>")
        .append(e.port())
        .append("</Port>\n")
        .append("        <DomainRequired>off</DomainRequired>\n")
        .append("        <LoginName>")
        .append(Xml.text(address))
        .append("</LoginName>\n")
        .append("        <SPA>off</SPA>\n")
        // [MS-OXDSCLI] §2.2.4.1.1.2.2: Encryption overrides SSL; "SSL" is implicit TLS, "TLS" is
        // STARTTLS.
        .append("        <SSL>on</SSL>\n")
        .append("        <Encryption>")
        .append(e.security() == Security.TLS ? "SSL" : "TLS")
        .append("</Encryption>\n")
        .append("        <AuthRequired>on</AuthRequired>\n");
    if ("SMTP".equals(type)) {
      xml.append("        <UsePOPAuth>on</UsePOPAuth>\n")
          .append("        <SMTPLast>off</SMTPLast>\n");
    }
    xml.append("      </Protocol>\n");
  }

  private static Optional<String> child(Element root, String name) {
    NodeList found = root.getElementsByTagNameNS(REQUEST_NS, name);
    return found.getLength() == 0 ? Optional.empty() : Optional.of(found.item(0).getTextContent());
  }

  /**
   * A namespace-aware parser that refuses a DOCTYPE outright (OWASP XXE cheat sheet), with external
   * entities, XInclude and entity expansion off as a second guard.
   */
  private static DocumentBuilder parser() throws BadRequest {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      // The default handler prints parse errors to stderr; a bad request is not worth a line.
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }
}
