package dev.mailvault.server.web.autoconfig;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.server.web.autoconfig.ClientSettings.Endpoint;
import dev.mailvault.server.web.autoconfig.ClientSettings.Protocol;
import dev.mailvault.server.web.autoconfig.ClientSettings.Security;

/**
 * Thunderbird's autoconfiguration file, {@code config-v1.1.xml} (Mozilla wiki
 * "Thunderbird:Autoconfiguration:ConfigFileFormat"), which Evolution, KMail, K-9 and FairEmail read
 * too. It names no account: the user name is the {@code %EMAILADDRESS%} placeholder, so the answer
 * is the same for every address of a domain and says nothing about which aliases exist.
 */
public final class ThunderbirdConfig {

  private ThunderbirdConfig() {}

  /** The document for {@code domain}, served by the node {@code settings} describe. */
  public static String render(ClientSettings settings, DomainName domain) {
    StringBuilder xml = new StringBuilder(2048);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<clientConfig version=\"1.1\">\n")
        .append("  <emailProvider id=\"")
        .append(Xml.text(domain.value()))
        .append("\">\n")
        .append("    <domain>")
        .append(Xml.text(domain.value()))
        .append("</domain>\n")
        .append("    <displayName>")
        .append(Xml.text(domain.value()))
        .append(" (Mailvault)</displayName>\n")
        .append("    <displayShortName>")
        .append(Xml.text(domain.value()))
        .append("</displayShortName>\n");
    // Thunderbird offers the first incoming server of a type and keeps the rest as alternatives.
    for (Endpoint e : settings.of(Protocol.IMAP)) {
      server(xml, "incomingServer", "imap", settings.hostname(), e);
    }
    for (Endpoint e : settings.of(Protocol.POP3)) {
      server(xml, "incomingServer", "pop3", settings.hostname(), e);
    }
    for (Endpoint e : settings.of(Protocol.SMTP)) {
      server(xml, "outgoingServer", "smtp", settings.hostname(), e);
    }
    xml.append("  </emailProvider>\n").append("</clientConfig>\n");
    return xml.toString();
  }

  private static void server(
      StringBuilder xml, String element, String type, String hostname, Endpoint e) {
    xml.append("    <")
        .append(element)
        .append(" type=\"")
        .append(type)
        .append("\">\n")
        .append("      <hostname>")
        .append(Xml.text(hostname))
        .append("</hostname>\n")
        .append("      <port>")
        .append(e.port())
        .append("</port>\n")
        .append("      <socketType>")
        .append(e.security() == Security.TLS ? "SSL" : "STARTTLS")
        .append("</socketType>\n")
        // Our listeners take PLAIN/LOGIN over TLS only: "cleartext" inside the TLS channel.
        .append("      <authentication>password-cleartext</authentication>\n")
        .append("      <username>%EMAILADDRESS%</username>\n")
        .append("    </")
        .append(element)
        .append(">\n");
  }
}
