package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.command.CommandTable;
import java.time.Clock;
import java.util.Optional;

/**
 * What every session of one server shares, an MX or a submission server (ADR 0203): the same codec,
 * session and shared command rows; the MX resolves local recipients and delivers, submission logs
 * in and hands mail to the outbox. Built once by the server.
 */
public final class SmtpServices {

  private final String hostname;
  private final SmtpLimits limits;

  /** The MX's; null on a submission server, whose command table never asks for them. */
  private final RecipientResolver recipients;

  private final MessageDeliverer deliverer;

  /** The MX's store-and-forward; empty when it does not forward. */
  private final Optional<ForwardingDelivery> forwarding;

  /** The MX's Sieve stage (ADR 0252); null on a submission server. */
  private final SieveStage sieve;

  /** The loop check's hop limit (ADR 0242). */
  private final int maxReceived;

  /** Submission's; null on an MX. */
  private final SubmissionServices submission;

  private final ErrorBudget errors;
  private final SecurityLog securityLog;
  private final Clock clock;
  private final SpillArea spillArea;
  private final CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> commands;
  private final Optional<InboundAuthentication> authentication;

  /** rspamd at the MX (ADR 0254); empty on a submission server or when filtering is off. */
  private final Optional<SpamFilter> spam;

  /**
   * @param securityLog where refused connections and other security events go
   * @param postmaster the alias that receives postmaster mail; empty for the oldest alias
   * @param spillArea where unfinished messages are kept, and the node's budget they draw on (ADR
   *     0165, 0166)
   */
  public SmtpServices(
      String hostname,
      SmtpLimits limits,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      Clock clock,
      Optional<EmailAddress> postmaster,
      SpillArea spillArea) {
    this(
        hostname,
        limits,
        directory,
        delivery,
        securityLog,
        clock,
        postmaster,
        spillArea,
        Optional.empty());
  }

  /**
   * @param authentication SPF, DKIM and DMARC on arrival (ADR 0206); empty: no checks and no
   *     Authentication-Results field
   */
  public SmtpServices(
      String hostname,
      SmtpLimits limits,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      Clock clock,
      Optional<EmailAddress> postmaster,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication) {
    this(
        hostname,
        limits,
        directory,
        delivery,
        securityLog,
        clock,
        postmaster,
        spillArea,
        authentication,
        Optional.empty());
  }

  /**
   * @param forwarding the queue and SRS codec for aliases that forward (ADR 0240); empty: every
   *     alias stores, and SRS addresses and domain forwards are not honoured
   */
  public SmtpServices(
      String hostname,
      SmtpLimits limits,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      Clock clock,
      Optional<EmailAddress> postmaster,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication,
      Optional<MxForwarding> forwarding) {
    this(
        hostname,
        limits,
        directory,
        delivery,
        securityLog,
        clock,
        postmaster,
        spillArea,
        authentication,
        forwarding,
        Optional.empty(),
        SpamLearning.NONE);
  }

  /**
   * @param spam rspamd at the MX (ADR 0254); empty: no spam filtering
   * @param learning where a Sieve rule's filing into Junk is learned as spam (ADR 0255)
   */
  public SmtpServices(
      String hostname,
      SmtpLimits limits,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      Clock clock,
      Optional<EmailAddress> postmaster,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication,
      Optional<MxForwarding> forwarding,
      Optional<SpamFilter> spam,
      SpamLearning learning) {
    this.authentication = authentication;
    this.spam = spam;
    this.spillArea = spillArea;
    this.hostname = hostname;
    this.limits = limits;
    this.recipients =
        new RecipientResolver(
            directory,
            new ServedDomains(directory, clock),
            new Postmaster(directory, postmaster),
            forwarding.map(MxForwarding::srs));
    this.deliverer = new MessageDeliverer(delivery, directory);
    this.forwarding = forwarding.map(f -> new ForwardingDelivery(deliverer, f));
    this.sieve =
        new SieveStage(directory, forwarding.map(MxForwarding::replies), clock, hostname, learning);
    this.maxReceived =
        forwarding.map(MxForwarding::maxReceived).orElse(MxForwarding.DEFAULT_MAX_RECEIVED);
    this.submission = null;
    this.errors = new ErrorBudget(limits.errorBudget(), limits.errorWindow(), clock);
    this.securityLog = securityLog;
    this.clock = clock;
    this.commands = SmtpCommands.table(limits.reader().maxMessageSize());
  }

  private SmtpServices(
      String hostname,
      SmtpLimits limits,
      SubmissionServices submission,
      SecurityLog securityLog,
      Clock clock,
      SpillArea spillArea) {
    // Mail submitted by our own users is not checked as if it came from elsewhere.
    this.authentication = Optional.empty();
    this.spam = Optional.empty();
    this.spillArea = spillArea;
    this.hostname = hostname;
    this.limits = limits;
    this.recipients = null;
    this.deliverer = null;
    this.forwarding = Optional.empty();
    this.sieve = null;
    this.maxReceived = MxForwarding.DEFAULT_MAX_RECEIVED;
    this.submission = submission;
    this.errors = new ErrorBudget(limits.errorBudget(), limits.errorWindow(), clock);
    this.securityLog = securityLog;
    this.clock = clock;
    this.commands = SmtpCommands.submissionTable(limits.reader().maxMessageSize());
  }

  /** A submission server's (RFC 6409): its own limits, and what logins and the outbox need. */
  public static SmtpServices submission(
      String hostname,
      SmtpLimits limits,
      SubmissionServices submission,
      SecurityLog securityLog,
      Clock clock,
      SpillArea spillArea) {
    return new SmtpServices(hostname, limits, submission, securityLog, clock, spillArea);
  }

  public String hostname() {
    return hostname;
  }

  public SmtpLimits limits() {
    return limits;
  }

  public ErrorBudget errors() {
    return errors;
  }

  /** Where refused connections are told (ADR 0172). */
  public SecurityLog securityLog() {
    return securityLog;
  }

  /** Where unfinished messages are kept, and the node's budget they draw on (ADR 0165, 0166). */
  public SpillArea spillArea() {
    return spillArea;
  }

  RecipientResolver recipients() {
    return recipients;
  }

  MessageDeliverer deliverer() {
    return deliverer;
  }

  SieveStage sieve() {
    return sieve;
  }

  Optional<ForwardingDelivery> forwarding() {
    return forwarding;
  }

  int maxReceived() {
    return maxReceived;
  }

  /** The protocol's name in the security log. */
  public String protocol() {
    return submission == null ? "smtp" : SubmissionLogin.PROTOCOL;
  }

  /** Whether this is a submission server rather than an MX. */
  boolean isSubmission() {
    return submission != null;
  }

  SubmissionServices submission() {
    if (submission == null) {
      throw new IllegalStateException("an MX has no submission services");
    }
    return submission;
  }

  /** The command table (ADR 0192), built once: its SIZE keyword is this server's limit. */
  CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> commands() {
    return commands;
  }

  Optional<InboundAuthentication> authentication() {
    return authentication;
  }

  Optional<SpamFilter> spam() {
    return spam;
  }

  Clock clock() {
    return clock;
  }
}
