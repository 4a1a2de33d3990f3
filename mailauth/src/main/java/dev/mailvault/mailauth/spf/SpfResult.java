package dev.mailvault.mailauth.spf;

/**
 * What SPF said about one client and identity.
 *
 * @param status the result of {@code check_host()} (RFC 7208 §2.6)
 * @param domain the domain whose record was checked first: the MAIL FROM domain, or the HELO domain
 *     when MAIL FROM was empty (RFC 7208 §2.4); DMARC aligns on it (RFC 7489 §3.1.2)
 * @param reason a short account of why, for a log line or a comment (no address in it)
 */
public record SpfResult(SpfStatus status, String domain, String reason) {}
