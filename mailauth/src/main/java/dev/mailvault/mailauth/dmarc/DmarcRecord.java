package dev.mailvault.mailauth.dmarc;

import dev.mailvault.mailauth.dkim.TagList;

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

  /**
   * The record in {@code text}, or null when it is none: not a tag list (RFC 7489 §6.4 reuses RFC
   * 6376 §3.2), not starting with {@code v=DMARC1} (§6.6.3 step 5), or with a {@code p} missing or
   * unknown (§6.6.3 step 6: then as though there were no record; the {@code rua} exception does not
   * arise, as Mailvault sends no reports).
   */
  static DmarcRecord parse(String text) {
    TagList tags;
    try {
      tags = TagList.parse(text);
    } catch (IllegalArgumentException notATagList) {
      return null;
    }
    if (tags.names().isEmpty()
        || !tags.names().get(0).equals("v")
        || !"DMARC1".equals(tags.get("v", ""))) {
      return null;
    }
    DmarcPolicy policy = DmarcPolicy.parse(tags.get("p", ""));
    if (policy == null) {
      return null;
    }
    DmarcPolicy sp = DmarcPolicy.parse(tags.get("sp", ""));
    return new DmarcRecord(
        policy,
        sp == null ? policy : sp,
        "s".equalsIgnoreCase(tags.get("adkim", "r")),
        "s".equalsIgnoreCase(tags.get("aspf", "r")));
  }

  /** Whether a TXT string claims to be a DMARC record (§6.6.3 step 5), valid or not. */
  static boolean isDmarc(String text) {
    return text.stripLeading().startsWith("v=DMARC1");
  }
}
