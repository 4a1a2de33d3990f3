package dev.mailvault.server.web.autoconfig;

import dev.mailvault.server.web.autoconfig.ClientSettings.Endpoint;
import dev.mailvault.server.web.autoconfig.ClientSettings.Protocol;
import dev.mailvault.server.web.autoconfig.ClientSettings.Security;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An Apple configuration profile (Apple's "Configuration Profile Reference", payload {@code
 * com.apple.mail.managed}) that adds one mail account to iOS, iPadOS or macOS Mail: IMAP (or POP3
 * on request) and submission, both over implicit TLS. Unsigned, and without a password: Mail asks
 * for it when the profile is installed. The identifiers and UUIDs are derived from the address and
 * the host, so installing the profile again replaces the account rather than adding a second one.
 */
public final class MobileConfig {

  /** The media type Safari and macOS hand to the profile installer. */
  public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

  private MobileConfig() {}

  /**
   * @param address the account's address (user name and sender)
   * @param incoming {@link Protocol#IMAP} or {@link Protocol#POP3}
   */
  public static byte[] render(ClientSettings settings, String address, Protocol incoming) {
    if (incoming == Protocol.SMTP) {
      throw new IllegalArgumentException("incoming mail is IMAP or POP3");
    }
    Endpoint in = settings.preferred(incoming);
    Endpoint out = settings.preferred(Protocol.SMTP);
    String host = settings.hostname();
    String seed = address.toLowerCase(Locale.ROOT) + "\n" + host;
    String profileUuid = uuid("profile\n" + seed);
    String accountUuid = uuid("account\n" + seed);
    String identifier = reversed(host) + ".mailvault." + profileUuid;

    StringBuilder p = new StringBuilder(4096);
    p.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
        .append("<plist version=\"1.0\">\n<dict>\n")
        .append("<key>PayloadContent</key>\n<array>\n<dict>\n");
    string(p, "EmailAccountDescription", address);
    string(p, "EmailAccountType", incoming == Protocol.IMAP ? "EmailTypeIMAP" : "EmailTypePOP");
    string(p, "EmailAddress", address);
    string(p, "IncomingMailServerAuthentication", "EmailAuthPassword");
    string(p, "IncomingMailServerHostName", host);
    integer(p, "IncomingMailServerPortNumber", in.port());
    bool(p, "IncomingMailServerUseSSL", in.security() == Security.TLS);
    string(p, "IncomingMailServerUsername", address);
    string(p, "OutgoingMailServerAuthentication", "EmailAuthPassword");
    string(p, "OutgoingMailServerHostName", host);
    integer(p, "OutgoingMailServerPortNumber", out.port());
    bool(p, "OutgoingMailServerUseSSL", out.security() == Security.TLS);
    string(p, "OutgoingMailServerUsername", address);
    bool(p, "OutgoingPasswordSameAsIncomingPassword", true);
    string(p, "PayloadDescription", "Mail account " + address);
    string(p, "PayloadDisplayName", address);
    string(p, "PayloadIdentifier", identifier + ".account");
    string(p, "PayloadType", "com.apple.mail.managed");
    string(p, "PayloadUUID", accountUuid);
    integer(p, "PayloadVersion", 1);
    bool(p, "PreventAppSheet", false);
    bool(p, "PreventMove", false);
    bool(p, "SMIMEEnabled", false);
    p.append("</dict>\n</array>\n");
    string(p, "PayloadDescription", "Sets up Mail for " + address + " on " + host);
    string(p, "PayloadDisplayName", "Mail: " + address);
    string(p, "PayloadIdentifier", identifier);
    string(p, "PayloadOrganization", host);
    bool(p, "PayloadRemovalDisallowed", false);
    string(p, "PayloadType", "Configuration");
    string(p, "PayloadUUID", profileUuid);
    integer(p, "PayloadVersion", 1);
    p.append("</dict>\n</plist>\n");
    return p.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A name-based UUID (RFC 4122 §4.3), the same for the same input on every node and run. */
  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
        .toString()
        .toUpperCase(Locale.ROOT);
  }

  /** {@code mail.example.com} as {@code com.example.mail}, the reverse-DNS style of identifiers. */
  private static String reversed(String host) {
    List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels).replaceAll("[^A-Za-z0-9.-]", "-");
  }

  private static void string(StringBuilder p, String key, String value) {
    p.append("<key>").append(key).append("</key>\n<string>");
    p.append(Xml.text(value)).append("</string>\n");
  }

  private static void integer(StringBuilder p, String key, int value) {
    p.append("<key>").append(key).append("</key>\n<integer>");
    p.append(value).append("</integer>\n");
  }

  private static void bool(StringBuilder p, String key, boolean value) {
    p.append("<key>").append(key).append("</key>\n").append(value ? "<true/>" : "<false/>");
    p.append('\n');
  }
}
