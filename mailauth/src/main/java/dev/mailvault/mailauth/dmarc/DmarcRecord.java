package dev.mailvault.mailauth.dmarc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DMARC policy record (RFC 7489 §6.3): the tags receivers act on. {@code pct} is read but treated
 * as 100 (every failing message gets the policy; ADR 0206), and the reporting tags are ignored
 * (Mailvault sends no reports).
 *
 * @param policy {@code p}
 * @param subdomainPolicy {@code sp}, or {@code p} when absent
 * @param strictDkim {@code adkim=s}
 * @param strictSpf {@code aspf=s}
 */
record DmarcRecord(
    DmarcPolicy policy, DmarcPolicy subdomainPolicy, boolean strictDkim, boolean strictSpf) {

  /** Whether a TXT string is meant as a DMARC record (RFC 7489 §6.6.3 step 5: v=DMARC1 first). */
  static boolean isDmarc(String text) {
    Map<String, String> tags = tags(text);
    return tags != null
        && !tags.isEmpty()
        && tags.keySet().iterator().next().equals("v")
        && "DMARC1".equals(tags.get("v"));
  }

  /**
   * Parses a record {@link #isDmarc} accepted, or returns null when its {@code p} is missing or
   * unknown: RFC 7489 §6.6.3 step 6 then has the receiver act as though there were no record
   * (Mailvault sends no reports, so the {@code rua} exception does not arise).
   */
  static DmarcRecord parse(String text) {
    Map<String, String> tags = tags(text);
    DmarcPolicy policy = DmarcPolicy.parse(tags.getOrDefault("p", ""));
    if (policy == null) {
      return null;
    }
    DmarcPolicy sp = DmarcPolicy.parse(tags.getOrDefault("sp", ""));
    return new DmarcRecord(
        policy,
        sp == null ? policy : sp,
        "s".equalsIgnoreCase(tags.get("adkim")),
        "s".equalsIgnoreCase(tags.get("aspf")));
  }

  /**
   * The tag=value list of RFC 6376 §3.2 (which RFC 7489 §6.4 reuses): names lower-cased, values
   * trimmed; null when a tag has no "=" or appears twice.
   */
  private static Map<String, String> tags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String spec : text.split(";")) {
      if (spec.isBlank()) {
        continue;
      }
      int equals = spec.indexOf('=');
      if (equals < 0) {
        return null;
      }
      String name = spec.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      if (tags.put(name, spec.substring(equals + 1).strip()) != null) {
        return null;
      }
    }
    return tags;
  }
}
