package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import java.time.Clock;

/** What every session of one MX shares; built once by the server. */
public final class SmtpServices {

  private final String hostname;
  private final SmtpLimits limits;
  private final RecipientResolver recipients;
  private final MessageDeliverer deliverer;
  private final ErrorBudget errors;
  private final Clock clock;
  private final SpillArea spillArea;

  public SmtpServices(
      String hostname, SmtpLimits limits, Directory directory, MailDelivery delivery, Clock clock) {
    this(hostname, limits, directory, delivery, clock, SpillArea.inMemory());
  }

  /**
   * @param spillArea where unfinished messages are kept, and the node's budget they draw on (ADR
   *     0165, 0166)
   */
  public SmtpServices(
      String hostname,
      SmtpLimits limits,
      Directory directory,
      MailDelivery delivery,
      Clock clock,
      SpillArea spillArea) {
    this.spillArea = spillArea;
    this.hostname = hostname;
    this.limits = limits;
    this.recipients = new RecipientResolver(directory, new ServedDomains(directory, clock));
    this.deliverer = new MessageDeliverer(delivery, directory);
    this.errors = new ErrorBudget(limits.errorBudget(), limits.errorWindow(), clock);
    this.clock = clock;
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

  public SpillArea spillArea() {
    return spillArea;
  }

  RecipientResolver recipients() {
    return recipients;
  }

  MessageDeliverer deliverer() {
    return deliverer;
  }

  Clock clock() {
    return clock;
  }
}
