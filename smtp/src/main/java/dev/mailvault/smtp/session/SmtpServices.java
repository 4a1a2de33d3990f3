package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.command.CommandTable;
import java.time.Clock;
import java.util.Optional;

/** What every session of one MX shares; built once by the server. */
public final class SmtpServices {

  private final String hostname;
  private final SmtpLimits limits;
  private final RecipientResolver recipients;
  private final MessageDeliverer deliverer;
  private final ErrorBudget errors;
  private final SecurityLog securityLog;
  private final Clock clock;
  private final SpillArea spillArea;
  private final CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> commands;
  private final Optional<InboundAuthentication> authentication;

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
    this.authentication = authentication;
    this.spillArea = spillArea;
    this.hostname = hostname;
    this.limits = limits;
    this.recipients =
        new RecipientResolver(
            directory, new ServedDomains(directory, clock), new Postmaster(directory, postmaster));
    this.deliverer = new MessageDeliverer(delivery, directory);
    this.errors = new ErrorBudget(limits.errorBudget(), limits.errorWindow(), clock);
    this.securityLog = securityLog;
    this.clock = clock;
    this.commands = SmtpCommands.table(limits.reader().maxMessageSize());
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

  /** The command table (ADR 0192), built once: its SIZE keyword is this MX's limit. */
  CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> commands() {
    return commands;
  }

  Optional<InboundAuthentication> authentication() {
    return authentication;
  }

  Clock clock() {
    return clock;
  }
}
