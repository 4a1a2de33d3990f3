package dev.mailvault.directory;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.core.quota.QuotaLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Domains, aliases, their wrapped keys and quotas (DESIGN §2, §3).
 *
 * <p>Passwords are taken as {@code char[]} and never stored, logged or kept: the caller may zero
 * its array when the call returns. Key material comes back as {@link
 * dev.mailvault.core.crypto.SecretBytes} owned by the returned object.
 *
 * <p>Implementations are thread-safe. Argon2id derivations run outside the storage lock, so logins
 * do not queue behind one another's key derivation.
 */
public interface Directory extends AutoCloseable {

  // Domains

  /** Adds a domain to the (default) account. */
  DomainInfo addDomain(DomainName name) throws DomainExistsException;

  /** Every domain, by name. */
  List<DomainInfo> listDomains();

  /** Whether {@code name} is one of the domains (one indexed look-up, for every queued message). */
  boolean hasDomain(DomainName name);

  /**
   * Removes a domain and its DKIM keys. A domain with aliases is refused unless {@code force},
   * which removes its aliases too; the result lists their vault ids for the caller to delete.
   */
  RemovedDomain removeDomain(DomainName name, boolean force)
      throws UnknownDomainException, DomainNotEmptyException;

  // DKIM keys (ADR 0207): stored as given, the private key sealed by the caller

  /** The DKIM keys of a domain, active and retired, oldest first. */
  List<DkimKeyRecord> dkimKeys(DomainName domain) throws UnknownDomainException;

  /** Adds keys to a domain, each in the state it carries; a selector is unique per domain. */
  void addDkimKeys(DomainName domain, List<DkimKeyRecord> keys) throws UnknownDomainException;

  /**
   * Rotates a domain's keys in one transaction: every active key is retired now, retired keys
   * retired before {@code forgetRetiredBefore} are deleted, and {@code fresh} are added.
   */
  void rotateDkimKeys(DomainName domain, List<DkimKeyRecord> fresh, Instant forgetRetiredBefore)
      throws UnknownDomainException;

  // Aliases

  /** Adds an alias with a generated password (24 characters, shown once through the result). */
  NewAlias addAlias(EmailAddress address) throws UnknownDomainException, AliasExistsException;

  /**
   * Adds an alias with a password chosen by a person.
   *
   * @throws WeakPasswordException when the password breaks {@link PasswordPolicy}
   */
  NewAlias addAlias(EmailAddress address, char[] password)
      throws UnknownDomainException, AliasExistsException, WeakPasswordException;

  /** Every alias, by address. */
  List<AliasInfo> listAliases();

  /** The aliases of one domain, by address. */
  List<AliasInfo> listAliases(DomainName domain) throws UnknownDomainException;

  /** Removes an alias and its keys; the caller deletes the vault and spool of the result. */
  RemovedAlias removeAlias(EmailAddress address) throws UnknownAliasException;

  /** Enables or disables an alias; a disabled alias cannot unlock. */
  void setEnabled(EmailAddress address, boolean enabled) throws UnknownAliasException;

  /**
   * Unlocks an alias for a client: exactly one Argon2id derivation and an AEAD unwrap. The login is
   * taken as typed; a malformed login, an unknown alias, a wrong password and a disabled alias all
   * cost one derivation and throw the same {@link AuthenticationFailedException}.
   *
   * <p>An app-specific password ({@link AppPasswords}) unlocks too, with no Argon2id: a password
   * shaped like one is first tried against the alias's app passwords (a few MACs), and only when
   * none matches goes on to the derivation (ADR 0266).
   */
  UnlockedAlias unlock(String login, char[] password) throws AuthenticationFailedException;

  /**
   * Like {@link #unlock}, but by the main password only: My account refuses app passwords, which
   * are for mail clients (ADR 0267). Always one derivation.
   */
  UnlockedAlias unlockMain(String login, char[] password) throws AuthenticationFailedException;

  // App-specific passwords (ADR 0266) and the alias's own two-factor secret (ADR 0267)

  /**
   * Makes an app password: a new random secret wrapping the unlocked alias's data key, shown once.
   *
   * @throws ConcurrentChangeException when the alias was reset since it was unlocked
   * @throws AppPasswordException a bad label, or too many app passwords
   */
  NewAppPassword addAppPassword(UnlockedAlias unlocked, String label)
      throws UnknownAliasException, AppPasswordException, ConcurrentChangeException;

  /** The alias's app passwords, oldest first, without their secrets. */
  List<AppPasswordInfo> appPasswords(EmailAddress alias) throws UnknownAliasException;

  /**
   * Revokes an app password: its wrap is deleted, so it unlocks nothing from now on.
   *
   * @return false when the alias has no app password of that id
   */
  boolean revokeAppPassword(EmailAddress alias, String id) throws UnknownAliasException;

  /**
   * Turns on two-factor for the alias with {@code secret} (RFC 6238), sealed under its data key;
   * {@code usedStep} is the time step of the code that confirmed it, which cannot be used again.
   */
  void enableTotp(UnlockedAlias unlocked, byte[] secret, long usedStep)
      throws UnknownAliasException, ConcurrentChangeException;

  /** Turns two-factor off; false when it was off. */
  boolean disableTotp(EmailAddress alias) throws UnknownAliasException;

  /** Whether the alias has two-factor on. */
  boolean totpEnabled(EmailAddress alias) throws UnknownAliasException;

  /**
   * Whether {@code code} is the alias's current TOTP code and was not used before (a match is
   * recorded); false when two-factor is off.
   */
  boolean verifyTotp(UnlockedAlias unlocked, String code, Instant now) throws UnknownAliasException;

  /**
   * Changes the password: the data key is re-wrapped under the new one (with the current default
   * Argon2id parameters); the vault is not touched, and app passwords keep working. Returns the
   * generated new password.
   *
   * @throws AuthenticationFailedException when {@code oldPassword} is wrong
   */
  char[] changePassword(EmailAddress address, char[] oldPassword)
      throws UnknownAliasException, AuthenticationFailedException, ConcurrentChangeException;

  /** Changes the password to one chosen by a person. */
  void changePassword(EmailAddress address, char[] oldPassword, char[] newPassword)
      throws UnknownAliasException,
          AuthenticationFailedException,
          WeakPasswordException,
          ConcurrentChangeException;

  /**
   * Resets a forgotten password: the alias gets a new vault id, data key and spool key pair, and a
   * generated password; its usage restarts at zero. Its app passwords and two-factor secret, bound
   * to the old data key, are deleted. The old vault cannot be opened any more: the caller deletes
   * it and its spool ({@link ResetAlias#discardedVaultId()}) and creates the new.
   */
  ResetAlias resetPassword(EmailAddress address)
      throws UnknownAliasException, ConcurrentChangeException;

  /** Resets a forgotten password to one chosen by a person; see {@link #resetPassword}. */
  ResetAlias resetPassword(EmailAddress address, char[] newPassword)
      throws UnknownAliasException, WeakPasswordException, ConcurrentChangeException;

  /** The alias's data key as stored now, wrapped under its password (for backup manifests). */
  WrappedDataKey wrappedDataKey(EmailAddress address) throws UnknownAliasException;

  /** Routing data of an alias (compared case-insensitively), or empty when there is none. */
  Optional<AliasRoute> findAlias(EmailAddress address);

  // Sending as other addresses (submission, ADR 0203)

  /**
   * The addresses the operator lets {@code alias} use as its sender on submission, besides its own
   * and its account's other aliases; by address.
   */
  List<EmailAddress> sendAs(EmailAddress alias) throws UnknownAliasException;

  /**
   * Lets {@code alias} send as {@code address}.
   *
   * @return false when it already could (nothing changed)
   */
  boolean addSendAs(EmailAddress alias, EmailAddress address) throws UnknownAliasException;

  /**
   * Takes back {@code alias}'s right to send as {@code address}.
   *
   * @return false when it had no such right (nothing changed)
   */
  boolean removeSendAs(EmailAddress alias, EmailAddress address) throws UnknownAliasException;

  // Sieve vacation replies (RFC 5230, ADR 0253)

  /**
   * Claims the one vacation reply {@code alias} may send to {@code sender} under {@code handle}
   * within {@code period} (RFC 5230 §4.2 {@code :days}, §4.3 {@code :handle}): true, and the claim
   * recorded, when no reply under that key went out in the last {@code period}; false otherwise.
   * The directory keeps only a digest of the key, never the sender's address.
   */
  boolean claimVacationReply(EmailAddress alias, String sender, String handle, Duration period)
      throws UnknownAliasException;

  // Sieve scripts (RFC 5228, RFC 5804; ADR 0249). Stored as given: callers check a script compiles
  // before they store it. Names are compared octet by octet (RFC 5804 §1.6).

  /** The limits {@link #putSieveScript} enforces (and ManageSieve's HAVESPACE answers from). */
  SieveLimits sieveLimits();

  /** The alias's scripts, by name, without their text. */
  List<SieveScriptInfo> sieveScripts(EmailAddress alias) throws UnknownAliasException;

  /** A script's text, or empty when the alias has no script of that name. */
  Optional<String> sieveScript(EmailAddress alias, String name) throws UnknownAliasException;

  /**
   * Stores a script under {@code name}, replacing one of that name (which stays active if it was).
   *
   * @throws SieveScriptException a bad name, too large, or one script too many
   */
  void putSieveScript(EmailAddress alias, String name, String text)
      throws UnknownAliasException, SieveScriptException;

  /**
   * Makes {@code name} the one active script, or, when empty, leaves none active (RFC 5804 §2.8).
   *
   * @throws SieveScriptException when there is no script of that name
   */
  void setActiveSieveScript(EmailAddress alias, Optional<String> name)
      throws UnknownAliasException, SieveScriptException;

  /**
   * Deletes a script; the active one is refused (RFC 5804 §2.10).
   *
   * @throws SieveScriptException when there is none of that name, or it is active
   */
  void deleteSieveScript(EmailAddress alias, String name)
      throws UnknownAliasException, SieveScriptException;

  /**
   * Renames a script; an active one stays active (RFC 5804 §2.11.1).
   *
   * @throws SieveScriptException when there is none of the old name, the new one is taken or bad
   */
  void renameSieveScript(EmailAddress alias, String oldName, String newName)
      throws UnknownAliasException, SieveScriptException;

  /**
   * The text of the alias's active script, or empty when it has none or there is no such alias: one
   * indexed query, for every delivery at the MX.
   */
  Optional<String> activeSieveScript(EmailAddress alias);

  // Cluster placement (issue 18, ADR 0280)

  /** Which primary owns which vault, and the primaries' leases. */
  ClusterRegistry clusterRegistry();

  // Admin API tokens (ADR 0261): the directory keeps only each token's SHA-256

  /**
   * Records a new admin API token by its hash.
   *
   * @param scope {@code read} or {@code admin}
   * @param tokenHash the SHA-256 of the token (32 bytes); the token itself is never passed here
   */
  AdminTokenInfo createAdminToken(String name, String scope, byte[] tokenHash);

  /** Every admin API token, revoked ones included, oldest first. */
  List<AdminTokenInfo> listAdminTokens();

  /** Revokes a token; false when there is no live token with this id. */
  boolean revokeAdminToken(long id);

  /**
   * The live token whose SHA-256 is {@code tokenHash}, compared in constant time, with its last use
   * recorded; empty for an unknown or revoked one.
   */
  Optional<AdminTokenInfo> useAdminToken(byte[] tokenHash);

  // Routing per alias (issue 15, ADR 0240, 0243)

  /** Sets what the MX does with the alias's mail. */
  void setDeliveryMode(EmailAddress alias, DeliveryMode mode) throws UnknownAliasException;

  /** The alias's forward targets, oldest first. */
  List<ForwardTarget> forwardTargets(EmailAddress alias) throws UnknownAliasException;

  /**
   * Adds a forward target ({@link ForwardTarget#normalise}): an address or an {@code https://} URL.
   * The first URL target of an alias makes its webhook secret, returned once.
   */
  AddedForward addForwardTarget(EmailAddress alias, String target)
      throws UnknownAliasException, InvalidForwardTargetException;

  /**
   * Removes a forward target named by its id or by the target itself.
   *
   * @return false when the alias had no such target (nothing changed)
   */
  boolean removeForwardTarget(EmailAddress alias, String targetOrId) throws UnknownAliasException;

  /** Replaces the alias's webhook secret with 32 new random bytes, returned once. */
  byte[] rotateWebhookSecret(EmailAddress alias) throws UnknownAliasException;

  /** A webhook target by its id, with its alias, URL and the alias's secret. */
  Optional<WebhookTargetRecord> webhookTarget(String targetId);

  /** Appends one attempt to the alias's webhook delivery log; ignored once the alias is gone. */
  void recordWebhookDelivery(WebhookDelivery delivery);

  /** The alias's latest webhook attempts, newest first, at most {@code limit}. */
  List<WebhookDelivery> webhookDeliveries(EmailAddress alias, int limit)
      throws UnknownAliasException;

  /** Sets or clears ({@code Optional.empty()}) the domain's catch-all alias, which must exist. */
  void setCatchAll(DomainName domain, Optional<EmailAddress> alias)
      throws UnknownDomainException, UnknownAliasException;

  /** Sets or clears the domain that every local part of {@code domain} is forwarded to. */
  void setDomainForward(DomainName domain, Optional<DomainName> target)
      throws UnknownDomainException;

  /** The domain's catch-all and domain-wide forward; {@link DomainRouting#NONE} when unknown. */
  DomainRouting domainRouting(DomainName domain);

  // Quotas

  /** The account's name, shared limits and total usage. */
  AccountInfo account();

  void setAccountQuota(QuotaLimits limits);

  void setDomainQuota(DomainName domain, QuotaLimits limits) throws UnknownDomainException;

  void setAliasQuota(EmailAddress address, QuotaLimits limits) throws UnknownAliasException;

  /**
   * The usage ledger of the alias whose vault is {@code vaultId}: reservations count against the
   * alias, its domain and the account in one transaction.
   */
  QuotaLedger quotaLedger(String vaultId) throws UnknownAliasException;

  // Console admins (issue 17, ADR 0263)

  /** The web console's admin accounts, stored beside the domains. */
  AdminAccounts adminAccounts();

  // Cluster (issue 18, ADR 0282)

  /**
   * The login throttle's counts kept in this directory, so that every front-end over the same
   * database counts the same failures. Keys are stored as keyed hashes; each call is a short
   * transaction, so callers run on a worker.
   */
  LoginThrottleState loginThrottleState();

  /** Closes the storage; further calls fail. Idempotent. */
  @Override
  void close();
}
