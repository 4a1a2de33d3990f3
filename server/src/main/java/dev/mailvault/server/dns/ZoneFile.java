package dev.mailvault.server.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Writes a domain's records as a zone-file fragment (RFC 1035 §5.1): a comment line above each
 * record, absolute names, and the MTA-STS policy as comment lines at the end, so the whole output
 * can be pasted into a zone or read by a zone parser.
 */
public final class ZoneFile {

  /** RFC 1035 §3.3: one character-string holds at most 255 octets. */
  private static final int MAX_STRING = 255;

  private ZoneFile() {}

  public static String render(String domain, DomainRecords records) {
    StringBuilder out = new StringBuilder();
    out.append("; DNS records for ").append(domain).append(" (mailvault domain dns)\n");
    for (RequiredRecord r : records.records()) {
      out.append('\n').append("; ").append(r.comment()).append('\n');
      out.append(r.name())
          .append('\t')
          .append(DomainRecords.TTL)
          .append("\tIN\t")
          .append(r.typeName())
          .append('\t')
          .append(r.type() == Type.TXT ? txtStrings(r.data()) : r.data())
          .append('\n');
    }
    out.append('\n')
        .append("; MTA-STS policy: serve this text at ")
        .append(records.mtaStsPolicyUrl())
        .append('\n')
        .append("; with a certificate valid for mta-sts.")
        .append(domain)
        .append(" (lines end with CRLF):\n");
    for (String line : records.mtaStsPolicy().split("\r\n")) {
      out.append(";   ").append(line).append('\n');
    }
    return out.toString();
  }

  /** The text as quoted strings of at most 255 octets each (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
  static String txtStrings(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    List<String> strings = new ArrayList<>();
    for (int start = 0; start < bytes.length; start += MAX_STRING) {
      int end = Math.min(bytes.length, start + MAX_STRING);
      strings.add("\"" + new String(bytes, start, end - start, StandardCharsets.US_ASCII) + "\"");
    }
    return String.join(" ", strings);
  }
}
