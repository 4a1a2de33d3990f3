package dev.mailvault.server.app;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import java.util.List;
import java.util.Locale;

/**
 * Aliases: add (with a generated password shown once), list with usage, remove, change or reset the
 * password, quota, delivery mode, forward targets and send-as addresses ({@code alias ...}, {@code
 * /api/v1/aliases}). Passwords are {@code char[]} the caller wipes; results that carry a generated
 * password or key ({@link NewAlias}, {@link ResetAlias}) are closed by the caller once it has shown
 * them.
 */
public final class AliasOperations {

  private final Directory directory;
  private final AliasLifecycle lifecycle;

  public AliasOperations(Directory directory, AliasLifecycle lifecycle) {
    this.directory = directory;
    this.lifecycle = lifecycle;
  }

  /**
   * Adds an alias and its empty vault.
   *
   * @param password the chosen password (12+ characters), or null to generate one (then in the
   *     result's {@link NewAlias#generatedPassword()}, to be shown once)
   */
  public NewAlias add(EmailAddress address, char[] password) throws MailvaultException {
    return lifecycle.create(address, password);
  }

  /** Every alias (of one domain when given), with its usage and limits. */
  public List<AliasInfo> list(DomainName domainOrNull) throws MailvaultException {
    return domainOrNull == null ? directory.listAliases() : directory.listAliases(domainOrNull);
  }

  /** One alias with its usage and limits. */
  public AliasInfo get(EmailAddress address) throws MailvaultException {
    return directory.listAliases(address.domain()).stream()
        .filter(a -> a.address().canonical().equals(address.canonical()))
        .findFirst()
        .orElseThrow(() -> new UnknownAliasException("no such alias"));
  }

  /** Removes the alias with its vault, spool and keys; its mail is gone for good. */
  public RemovalReport remove(EmailAddress address) throws MailvaultException {
    return lifecycle.remove(address);
  }

  /** Changes the password (every message stays); returns the new generated one, to show once. */
  public char[] changePassword(EmailAddress address, char[] oldPassword) throws MailvaultException {
    return directory.changePassword(address, oldPassword);
  }

  /** Changes the password to a chosen one (every message stays). */
  public void changePassword(EmailAddress address, char[] oldPassword, char[] newPassword)
      throws MailvaultException {
    directory.changePassword(address, oldPassword, newPassword);
  }

  /**
   * Resets a forgotten password: the mailbox is discarded and the alias starts empty.
   *
   * @param newPassword the chosen password, or null to generate one
   */
  public ResetAlias reset(EmailAddress address, char[] newPassword) throws MailvaultException {
    return lifecycle.reset(address, newPassword);
  }

  /** Sets the alias's quota (either limit may be absent: unlimited). */
  public void setQuota(EmailAddress address, QuotaLimits limits) throws MailvaultException {
    directory.setAliasQuota(address, limits);
  }

  /** Sets what the MX does with the alias's mail. */
  public void setMode(EmailAddress address, DeliveryMode mode) throws MailvaultException {
    directory.setDeliveryMode(address, mode);
  }

  /** {@code store}, {@code forward} or {@code both} (also {@code store+forward}). */
  public static DeliveryMode parseMode(String text) throws MailvaultException {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "store" -> DeliveryMode.STORE;
      case "forward" -> DeliveryMode.FORWARD;
      case "both", "store+forward" -> DeliveryMode.BOTH;
      default ->
          throw new MailvaultException("the mode is store, forward or both, not '" + text + "'");
    };
  }

  /** The lower-case name {@link #parseMode} reads back. */
  public static String modeName(DeliveryMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  public List<ForwardTarget> forwards(EmailAddress address) throws MailvaultException {
    return directory.forwardTargets(address);
  }

  /** Adds a forward target; the first webhook URL brings a new secret, to show once. */
  public AddedForward addForward(EmailAddress address, String target) throws MailvaultException {
    return directory.addForwardTarget(address, target);
  }

  /** Removes a target by its text or id; false when the alias had no such target. */
  public boolean removeForward(EmailAddress address, String targetOrId) throws MailvaultException {
    return directory.removeForwardTarget(address, targetOrId);
  }

  /** A new webhook secret (32 bytes), to show once; the caller wipes it. */
  public byte[] rotateWebhookSecret(EmailAddress address) throws MailvaultException {
    return directory.rotateWebhookSecret(address);
  }

  /** The alias's latest webhook attempts, newest first. */
  public List<WebhookDelivery> webhookLog(EmailAddress address, int limit)
      throws MailvaultException {
    return directory.webhookDeliveries(address, limit);
  }

  /** The addresses the alias may send as, besides its own. */
  public List<EmailAddress> sendAs(EmailAddress address) throws MailvaultException {
    return directory.sendAs(address);
  }

  /** Allows one more From address; false when it was allowed already. */
  public boolean addSendAs(EmailAddress address, EmailAddress from) throws MailvaultException {
    return directory.addSendAs(address, from);
  }

  /** Withdraws a From address; false when it was not allowed. */
  public boolean removeSendAs(EmailAddress address, EmailAddress from) throws MailvaultException {
    return directory.removeSendAs(address, from);
  }
}
