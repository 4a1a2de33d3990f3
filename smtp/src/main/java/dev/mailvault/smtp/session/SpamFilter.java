package dev.mailvault.smtp.session;

import dev.mailvault.directory.AliasRoute;
import dev.mailvault.mailauth.rspamd.RspamdClient;
import dev.mailvault.mailauth.rspamd.RspamdException;
import dev.mailvault.mailauth.rspamd.RspamdScan;
import dev.mailvault.mailauth.rspamd.RspamdSymbol;
import dev.mailvault.mailauth.rspamd.RspamdVerdict;
import dev.mailvault.mailauth.rspamd.SpamHeaders;
import dev.mailvault.smtp.codec.SmtpReply;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rspamd at the MX (issue 16, ADR 0254): after the message is received and before the reply, the MX
 * asks rspamd and does what its action says. The thresholds are rspamd's, not ours. When rspamd is
 * down or slow the message is accepted unfiltered (fail open, a warning and {@link #failedOpen()}):
 * a filter's outage must never lose mail or refuse it for good. Blocking HTTP: runs on the
 * session's worker thread, never an event loop.
 */
public final class SpamFilter {

  /** RFC 3463 X.7.1: refused by policy; rspamd's own words follow when it gives any. */
  static final String REJECTED = "Message rejected as spam";

  /** RFC 3463 X.7.1 as a temporary failure: greylisting and rspamd's "soft reject". */
  static final String DEFERRED = "Try again later";

  private static final Logger LOG = LoggerFactory.getLogger(SpamFilter.class);

  /**
   * What the MX does with the message.
   *
   * @param refusal the reply that ends the transaction instead of delivery, if any
   * @param fields the header fields to add (each without its CRLF); empty when unfiltered
   * @param junk whether the message is filed in Junk
   */
  record Decision(Optional<SmtpReply> refusal, List<String> fields, boolean junk) {
    static final Decision UNFILTERED = new Decision(Optional.empty(), List.of(), false);
  }

  /**
   * What rspamd is told besides the message.
   *
   * @param client the SMTP client's address
   * @param helo the EHLO/HELO argument
   * @param mailFrom the envelope sender, empty for a bounce
   * @param rcptTo the envelope recipients as given
   * @param id the transaction id (rspamd's Queue-Id)
   * @param tls our description of the TLS session, when there is one
   * @param routes the local aliases; the first names the Bayes statistics the message is classified
   *     with
   * @param knownResults our SPF, DKIM and DMARC results as rspamd symbols
   */
  record Envelope(
      InetAddress client,
      String helo,
      String mailFrom,
      List<String> rcptTo,
      String id,
      Optional<String> tls,
      List<AliasRoute> routes,
      List<RspamdSymbol> knownResults) {}

  private final RspamdClient client;
  private final String hostname;
  private final AtomicLong checked = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private final AtomicLong junked = new AtomicLong();
  private final AtomicLong failedOpen = new AtomicLong();

  /**
   * @param hostname this MX's name, rspamd's MTA-Name
   */
  public SpamFilter(RspamdClient client, String hostname) {
    this.client = client;
    this.hostname = hostname;
  }

  /**
   * Removes header fields that claim to be our filter's (ADR 0254): with filtering on, every X-Spam
   * field a user or a Sieve rule sees is ours.
   */
  byte[] stripForged(byte[] message) {
    return SpamHeaders.stripForged(message);
  }

  /** Asks rspamd about {@code message} (as it will be stored, trace fields included). */
  Decision check(Envelope envelope, byte[] message) {
    RspamdVerdict verdict;
    try {
      verdict = client.check(scan(envelope), message);
    } catch (RspamdException e) {
      failedOpen.incrementAndGet();
      // Never lose a message to a filter's outage; the exception names no address or content.
      LOG.warn(
          "spam check failed, message {} accepted unfiltered: {}", envelope.id(), e.getMessage());
      return Decision.UNFILTERED;
    }
    checked.incrementAndGet();
    switch (verdict.action()) {
      case REJECT, DISCARD:
        // A discard would drop mail the sender thinks delivered: refused instead, so they know.
        refused.incrementAndGet();
        LOG.info("message {} refused by the spam filter (score {})", envelope.id(), score(verdict));
        return refusal(550, "5.7.1", verdict.message().orElse(REJECTED));
      case SOFT_REJECT, GREYLIST:
        deferred.incrementAndGet();
        LOG.info("message {} deferred by the spam filter", envelope.id());
        return refusal(451, "4.7.1", verdict.message().orElse(DEFERRED));
      case ADD_HEADER, REWRITE_SUBJECT, QUARANTINE:
        junked.incrementAndGet();
        return new Decision(Optional.empty(), SpamHeaders.fields(verdict), true);
      default:
        return new Decision(Optional.empty(), SpamHeaders.fields(verdict), false);
    }
  }

  private RspamdScan scan(Envelope envelope) {
    return new RspamdScan(
        envelope.client(),
        envelope.helo(),
        envelope.mailFrom(),
        envelope.rcptTo(),
        envelope.id(),
        hostname,
        envelope.tls().map(SpamFilter::versionAndCipher),
        envelope.routes().stream().findFirst().map(AliasRoute::vaultId),
        envelope.knownResults());
  }

  /** "TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 group X25519" as rspamd takes it. */
  static String versionAndCipher(String description) {
    String[] words = description.split(" ");
    return words.length >= 4 && words[1].equals("with") ? words[0] + " " + words[3] : words[0];
  }

  private static Decision refusal(int code, String enhanced, String text) {
    return new Decision(
        Optional.of(SmtpReply.of(code, enhanced, MessageIntake.rejectionText(text))),
        List.of(),
        false);
  }

  private static String score(RspamdVerdict verdict) {
    return String.format(java.util.Locale.ROOT, "%.2f", verdict.score());
  }

  /** Messages rspamd answered for. */
  public long checked() {
    return checked.get();
  }

  /** Messages refused with 550 5.7.1. */
  public long refused() {
    return refused.get();
  }

  /** Messages deferred with 451 4.7.1. */
  public long deferred() {
    return deferred.get();
  }

  /** Messages filed in Junk. */
  public long junked() {
    return junked.get();
  }

  /** Messages accepted unfiltered because rspamd did not answer. */
  public long failedOpen() {
    return failedOpen.get();
  }
}
