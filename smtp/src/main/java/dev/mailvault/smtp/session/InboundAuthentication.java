package dev.mailvault.smtp.session;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.DkimVerifier;
import dev.mailvault.mailauth.dmarc.DmarcPolicy;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcVerifier;
import dev.mailvault.mailauth.results.AuthenticationResults;
import dev.mailvault.mailauth.rspamd.AuthenticationSymbols;
import dev.mailvault.mailauth.rspamd.RspamdSymbol;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfVerifier;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MX checks on a complete message before it delivers it (ADR 0206): SPF for the client and
 * MAIL FROM, the DKIM signatures, DMARC over both, and the Authentication-Results field that says
 * so (RFC 8601), after removing any that arrived claiming our host name (§5). Blocking DNS
 * look-ups: runs on the session's worker thread, never an event loop.
 */
public final class InboundAuthentication {

  /** What to do with the message after the checks. */
  enum Action {
    DELIVER,
    /** DMARC failed under {@code p=quarantine} and the MX honours it (ADR 0206). */
    QUARANTINE,
    /** DMARC failed under {@code p=reject} and the MX honours it: 550 5.7.1. */
    REJECT
  }

  /**
   * The outcome.
   *
   * @param field our Authentication-Results field, without its final CRLF
   * @param content the message without forged Authentication-Results fields for our host
   * @param action deliver, quarantine or refuse
   * @param symbols the same results as rspamd names them, so it need not repeat the look-ups (ADR
   *     0254); empty when the checks failed
   */
  record Verdict(String field, byte[] content, Action action, List<RspamdSymbol> symbols) {}

  private static final Logger LOG = LoggerFactory.getLogger(InboundAuthentication.class);

  private final SpfVerifier spf;
  private final DkimVerifier dkim;
  private final DmarcVerifier dmarc;
  private final boolean rejectOnDmarc;
  private final boolean quarantineOnDmarc;

  /**
   * @param rejectOnDmarc refuse DMARC failures under {@code p=reject} (setting {@code
   *     smtp.dmarc-reject})
   * @param quarantineOnDmarc quarantine DMARC failures under {@code p=quarantine} (setting {@code
   *     smtp.dmarc-quarantine})
   */
  public InboundAuthentication(
      SpfVerifier spf,
      DkimVerifier dkim,
      DmarcVerifier dmarc,
      boolean rejectOnDmarc,
      boolean quarantineOnDmarc) {
    this.spf = spf;
    this.dkim = dkim;
    this.dmarc = dmarc;
    this.rejectOnDmarc = rejectOnDmarc;
    this.quarantineOnDmarc = quarantineOnDmarc;
  }

  Verdict check(
      String hostname, InetAddress client, String heloDomain, String mailFrom, byte[] message) {
    byte[] content = AuthenticationResults.stripOwn(message, hostname);
    try {
      SpfResult spfResult = spf.check(client, heloDomain, mailFrom);
      List<DkimResult> dkimResults = dkim.verify(content);
      DmarcResult dmarcResult = dmarc.check(content, spfResult, dkimResults);
      String field = AuthenticationResults.format(hostname, spfResult, dkimResults, dmarcResult);
      DmarcPolicy disposition = dmarcResult.disposition();
      Action action = Action.DELIVER;
      if (disposition == DmarcPolicy.REJECT && rejectOnDmarc) {
        action = Action.REJECT;
      } else if (disposition == DmarcPolicy.QUARANTINE && quarantineOnDmarc) {
        action = Action.QUARANTINE;
      }
      return new Verdict(
          field, content, action, AuthenticationSymbols.of(spfResult, dkimResults, dmarcResult));
    } catch (RuntimeException e) {
      // Our fault, not the sender's: the message is delivered saying nothing was checked (RFC
      // 8601 §2.2 "none"), with forged fields still removed. The exception's message could quote
      // the message or an address, so only its class and place are logged.
      StackTraceElement[] where = e.getStackTrace();
      LOG.warn(
          "arrival checks failed: {} at {}",
          e.getClass().getName(),
          where.length > 0 ? where[0] : "?");
      return new Verdict(
          "Authentication-Results: " + hostname + "; none", content, Action.DELIVER, List.of());
    }
  }
}
