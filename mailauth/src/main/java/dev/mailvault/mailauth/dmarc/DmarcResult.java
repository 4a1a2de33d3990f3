package dev.mailvault.mailauth.dmarc;

/**
 * What DMARC said about a message.
 *
 * @param status pass, fail, none (no record), temperror or permerror (RFC 7489 §11.2)
 * @param fromDomain the RFC5322.From domain evaluated, or empty when there was none to evaluate
 * @param policy the policy the record asks for this domain ({@code sp} for a subdomain found
 *     through the organizational domain, else {@code p}); {@link DmarcPolicy#NONE} without record
 * @param reason a short account of why, for a log line or a comment (no address in it)
 */
public record DmarcResult(
    DmarcStatus status, String fromDomain, DmarcPolicy policy, String reason) {

  /** The policy to apply: the record's when the message failed, else none (RFC 7489 §6.6.4). */
  public DmarcPolicy disposition() {
    return status == DmarcStatus.FAIL ? policy : DmarcPolicy.NONE;
  }
}
