package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.exists;
import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.UNKNOWN_ALIAS;
import static dev.mailvault.directory.jdbc.SharedQueries.UNKNOWN_DOMAIN;
import static dev.mailvault.directory.jdbc.SharedQueries.alias;
import static dev.mailvault.directory.jdbc.SharedQueries.domain;
import static dev.mailvault.directory.jdbc.SharedQueries.release;
import static dev.mailvault.directory.jdbc.SharedQueries.releaseAbove;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;
import static dev.mailvault.directory.jdbc.SharedQueries.requireDomainId;
import static dev.mailvault.directory.jdbc.SharedQueries.usageChain;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.core.crypto.PasswordGenerator;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.AccountInfo;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.AdminAccounts;
import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.directory.AliasExistsException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.AppPasswordException;
import dev.mailvault.directory.AppPasswordInfo;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DomainExistsException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.DomainNotEmptyException;
import dev.mailvault.directory.DomainRouting;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.InvalidForwardTargetException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.PasswordPolicy;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.RemovedAlias;
import dev.mailvault.directory.RemovedDomain;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.SieveLimits;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.WeakPasswordException;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.directory.WebhookTargetRecord;
import dev.mailvault.directory.WrappedDataKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The directory over SQL ({@link DirectorySql}) and a {@link DirectoryDatabase}.
 *
 * <p>Concurrency: every read and write is one short transaction; Argon2id derivations and key
 * generation run between transactions, never inside one. Password operations are in {@link
 * AliasCredentials}.
 */
final class JdbcDirectory implements Directory {

  static final String DEFAULT_ACCOUNT = "default";

  private final DirectoryDatabase db;
  private final AliasKeys keys;
  private final Clock clock;
  private final long accountId;
  private final UnlockCache unlockCache;
  private final AliasCredentials credentials;
  private final AppPasswordStorage appPasswords;
  private final TotpStorage totp;
  private final DkimKeyStorage dkimKeys;
  private final SieveScriptStorage sieveScripts;
  private final RoutingStorage routing;
  private final AdminAccountStorage admins;
  private final AdminTokenStorage adminTokens;
  private final ClusterStorage cluster;
  private final JdbcThrottleState throttleState;

  JdbcDirectory(DirectoryDatabase db, AliasKeys keys, Clock clock, UnlockCachePolicy cachePolicy) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
    this.accountId = db.write(this::ensureDefaultAccount);
    this.unlockCache = new UnlockCache(cachePolicy, clock);
    this.appPasswords = new AppPasswordStorage(db, clock);
    this.totp = new TotpStorage(db, clock);
    this.credentials = new AliasCredentials(db, keys, clock, unlockCache, appPasswords);
    this.dkimKeys = new DkimKeyStorage(db, clock);
    this.sieveScripts = new SieveScriptStorage(db, clock, SieveLimits.DEFAULTS);
    this.routing = new RoutingStorage(db, clock);
    this.admins = new AdminAccountStorage(db, keys.kdf(), keys.params(), clock);
    this.adminTokens = new AdminTokenStorage(db, clock);
    this.cluster = new ClusterStorage(db, clock);
    this.throttleState = new JdbcThrottleState(db, JdbcThrottleState.MAX_ROWS);
  }

  // Domains

  @Override
  public DomainInfo addDomain(DomainName name) throws DomainExistsException {
    return db.write(
        c -> {
          if (domain(c, name) != null) {
            throw new DomainExistsException("the domain already exists");
          }
          update(c, DirectorySql.INSERT_DOMAIN, accountId, name.value(), now());
          return domain(c, name);
        });
  }

  @Override
  public List<DomainInfo> listDomains() {
    return db.read(c -> queryAll(c, DirectorySql.LIST_DOMAINS, Rows::domain));
  }

  @Override
  public boolean hasDomain(DomainName name) {
    return db.read(c -> exists(c, DirectorySql.DOMAIN_EXISTS, name.value()));
  }

  @Override
  public RemovedDomain removeDomain(DomainName name, boolean force)
      throws UnknownDomainException, DomainNotEmptyException {
    try {
      RemovedDomain removed = db.write(c -> removeDomain(c, name, force));
      removed.aliases().forEach(a -> unlockCache.invalidate(a.vaultId()));
      return removed;
    } catch (UnknownDomainException | DomainNotEmptyException e) {
      throw e;
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
  }

  private RemovedDomain removeDomain(Connection c, DomainName name, boolean force)
      throws SQLException, DirectoryException {
    long domainId = requireDomainId(c, name);
    DomainInfo domain = domain(c, name);
    if (domain.aliasCount() > 0 && !force) {
      throw new DomainNotEmptyException(domain.aliasCount());
    }
    List<RemovedAlias> removed =
        queryAll(c, DirectorySql.LIST_DOMAIN_ALIASES, Rows::alias, domainId).stream()
            .map(a -> new RemovedAlias(a.address(), a.vaultId()))
            .toList();
    update(c, DirectorySql.DELETE_DOMAIN_SEND_AS, domainId);
    update(c, DirectorySql.DELETE_DOMAIN_VACATION_REPLIES, domainId);
    update(c, DirectorySql.DELETE_DOMAIN_SIEVE_SCRIPTS, domainId);
    AppPasswordStorage.forgetDomainAliases(c, domainId);
    TotpStorage.forgetDomainAliases(c, domainId);
    RoutingStorage.forgetDomainAliases(c, domainId);
    update(c, DirectorySql.DELETE_DOMAIN_ALIASES, domainId);
    update(c, DirectorySql.DELETE_DOMAIN_DKIM_KEYS, domainId);
    release(
        c,
        DirectorySql.RELEASE_ACCOUNT,
        accountId,
        domain.usage().bytes(),
        domain.usage().messages());
    update(c, DirectorySql.DELETE_DOMAIN, domainId);
    return new RemovedDomain(name, removed);
  }

  // DKIM keys: see DkimKeyStorage

  @Override
  public List<DkimKeyRecord> dkimKeys(DomainName domain) throws UnknownDomainException {
    return dkimKeys.keys(domain);
  }

  @Override
  public void addDkimKeys(DomainName domain, List<DkimKeyRecord> keys)
      throws UnknownDomainException {
    dkimKeys.add(domain, keys);
  }

  @Override
  public void rotateDkimKeys(
      DomainName domain, List<DkimKeyRecord> fresh, Instant forgetRetiredBefore)
      throws UnknownDomainException {
    dkimKeys.rotate(domain, fresh, forgetRetiredBefore);
  }

  // Aliases

  @Override
  public NewAlias addAlias(EmailAddress address)
      throws UnknownDomainException, AliasExistsException {
    char[] password = PasswordGenerator.generate();
    try {
      return create(address, password, true);
    } catch (UnknownDomainException | AliasExistsException | RuntimeException e) {
      Arrays.fill(password, '\0');
      throw e;
    }
  }

  @Override
  public NewAlias addAlias(EmailAddress address, char[] password)
      throws UnknownDomainException, AliasExistsException, WeakPasswordException {
    PasswordPolicy.check(password);
    return create(address, password, false);
  }

  private NewAlias create(EmailAddress address, char[] password, boolean generated)
      throws UnknownDomainException, AliasExistsException {
    // Fail fast, before paying for a derivation; checked again when inserting.
    try {
      db.read(c -> checkAddable(c, address));
    } catch (UnknownDomainException | AliasExistsException e) {
      throw e;
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
    MintedKeys minted = keys.mint(RandomIds.vaultId(), password);
    try {
      db.write(c -> insertAlias(c, address, minted));
    } catch (UnknownDomainException | AliasExistsException | RuntimeException e) {
      minted.dataKey().destroy();
      throw e;
    } catch (DirectoryException e) {
      minted.dataKey().destroy();
      throw new IllegalStateException(e);
    }
    return new NewAlias(address, minted.vaultId(), minted.dataKey(), generated ? password : null);
  }

  private Void checkAddable(Connection c, EmailAddress address)
      throws SQLException, DirectoryException {
    requireDomainId(c, address.domain());
    if (exists(c, DirectorySql.ALIAS_EXISTS, address.canonical())) {
      throw new AliasExistsException("the alias already exists");
    }
    return null;
  }

  private Void insertAlias(Connection c, EmailAddress address, MintedKeys minted)
      throws SQLException, DirectoryException {
    long domainId = requireDomainId(c, address.domain());
    if (exists(c, DirectorySql.ALIAS_EXISTS, address.canonical())) {
      throw new AliasExistsException("the alias already exists");
    }
    String now = now();
    PasswordWrap wrap = minted.passwordWrap();
    try {
      update(
          c,
          DirectorySql.INSERT_ALIAS,
          domainId,
          address.localPart(),
          address.canonical(),
          minted.vaultId(),
          wrap.params().encoded(),
          wrap.salt(),
          wrap.wrappedDataKey(),
          minted.spoolPublicKey(),
          minted.wrappedSpoolPrivateKey(),
          true,
          now,
          now);
    } catch (SQLException e) {
      if (db.isUniqueViolation(e)) {
        throw new AliasExistsException("the alias already exists");
      }
      throw e;
    }
    return null;
  }

  @Override
  public List<AliasInfo> listAliases() {
    return db.read(c -> queryAll(c, DirectorySql.LIST_ALIASES, Rows::alias)).stream()
        .map(AliasRow::info)
        .toList();
  }

  @Override
  public List<AliasInfo> listAliases(DomainName domain) throws UnknownDomainException {
    return db
        .read(
            c -> {
              long domainId = requireDomainId(c, domain);
              return queryAll(c, DirectorySql.LIST_DOMAIN_ALIASES, Rows::alias, domainId);
            })
        .stream()
        .map(AliasRow::info)
        .toList();
  }

  @Override
  public RemovedAlias removeAlias(EmailAddress address) throws UnknownAliasException {
    RemovedAlias removed =
        db.write(
            c -> {
              AliasRow alias = requireAlias(c, address);
              UsageChain chain = usageChain(c, alias.vaultId());
              update(c, DirectorySql.DELETE_ALIAS_SEND_AS, alias.id());
              update(c, DirectorySql.DELETE_ALIAS_VACATION_REPLIES, alias.id());
              update(c, DirectorySql.DELETE_ALIAS_SIEVE_SCRIPTS, alias.id());
              AppPasswordStorage.forgetAlias(c, alias.id());
              TotpStorage.forgetAlias(c, alias.id());
              RoutingStorage.forgetAlias(c, alias.id());
              update(c, DirectorySql.DELETE_ALIAS, alias.id());
              releaseAbove(
                  c, chain, chain.alias().usage().bytes(), chain.alias().usage().messages());
              return new RemovedAlias(alias.address(), alias.vaultId());
            });
    unlockCache.invalidate(removed.vaultId());
    return removed;
  }

  @Override
  public void setEnabled(EmailAddress address, boolean enabled) throws UnknownAliasException {
    String vaultId =
        db.write(
            c -> {
              AliasRow alias = requireAlias(c, address);
              update(c, DirectorySql.UPDATE_ALIAS_ENABLED, enabled, now(), address.canonical());
              return alias.vaultId();
            });
    if (!enabled) {
      unlockCache.invalidate(vaultId);
    }
  }

  @Override
  public Optional<AliasRoute> findAlias(EmailAddress address) {
    return routing.route(address);
  }

  @Override
  public WrappedDataKey wrappedDataKey(EmailAddress address) throws UnknownAliasException {
    AliasRow alias = db.read(c -> alias(c, address));
    if (alias == null) {
      throw new UnknownAliasException(UNKNOWN_ALIAS);
    }
    PasswordWrap wrap = alias.passwordWrap();
    return new WrappedDataKey(alias.vaultId(), wrap.salt(), wrap.params(), wrap.wrappedDataKey());
  }

  // Sending as other addresses

  @Override
  public List<EmailAddress> sendAs(EmailAddress alias) throws UnknownAliasException {
    List<String> stored =
        db.read(
            c ->
                queryAll(
                    c,
                    DirectorySql.LIST_SEND_AS,
                    rs -> rs.getString(1),
                    requireAlias(c, alias).id()));
    return stored.stream().map(JdbcDirectory::storedAddress).toList();
  }

  @Override
  public boolean addSendAs(EmailAddress alias, EmailAddress address) throws UnknownAliasException {
    return db.write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          if (exists(c, DirectorySql.SEND_AS_EXISTS, aliasId, address.canonical())) {
            return false;
          }
          update(
              c,
              DirectorySql.INSERT_SEND_AS,
              aliasId,
              address.canonical(),
              address.toString(),
              now());
          return true;
        });
  }

  @Override
  public boolean removeSendAs(EmailAddress alias, EmailAddress address)
      throws UnknownAliasException {
    return db.write(
        c ->
            update(c, DirectorySql.DELETE_SEND_AS, requireAlias(c, alias).id(), address.canonical())
                > 0);
  }

  @Override
  public boolean claimVacationReply(
      EmailAddress alias, String sender, String handle, Duration period)
      throws UnknownAliasException {
    long now = clock.instant().getEpochSecond();
    byte[] key = VacationReplyKey.of(alias, sender, handle);
    return db.write(
        c -> {
          long aliasId = requireAlias(c, alias).id();
          // Rows whose quiet time is over are never needed again: the table stays small.
          update(c, DirectorySql.DELETE_QUIET_VACATION_REPLIES, aliasId, now);
          if (exists(c, DirectorySql.VACATION_QUIET_UNTIL, aliasId, key)) {
            return false;
          }
          update(
              c,
              DirectorySql.INSERT_VACATION_REPLY,
              aliasId,
              key,
              now + Math.max(1, period.toSeconds()));
          return true;
        });
  }

  /** An address this directory stored after parsing it: it parses again. */
  private static EmailAddress storedAddress(String text) {
    try {
      return EmailAddress.parse(text);
    } catch (dev.mailvault.core.address.InvalidAddressException e) {
      throw new IllegalStateException("a stored send-as address no longer parses", e);
    }
  }

  // Sieve scripts: see SieveScriptStorage

  @Override
  public SieveLimits sieveLimits() {
    return sieveScripts.limits();
  }

  @Override
  public List<SieveScriptInfo> sieveScripts(EmailAddress alias) throws UnknownAliasException {
    return sieveScripts.list(alias);
  }

  @Override
  public Optional<String> sieveScript(EmailAddress alias, String name)
      throws UnknownAliasException {
    return sieveScripts.get(alias, name);
  }

  @Override
  public void putSieveScript(EmailAddress alias, String name, String text)
      throws UnknownAliasException, SieveScriptException {
    sieveScripts.put(alias, name, text);
  }

  @Override
  public void setActiveSieveScript(EmailAddress alias, Optional<String> name)
      throws UnknownAliasException, SieveScriptException {
    sieveScripts.setActive(alias, name);
  }

  @Override
  public void deleteSieveScript(EmailAddress alias, String name)
      throws UnknownAliasException, SieveScriptException {
    sieveScripts.delete(alias, name);
  }

  @Override
  public void renameSieveScript(EmailAddress alias, String oldName, String newName)
      throws UnknownAliasException, SieveScriptException {
    sieveScripts.rename(alias, oldName, newName);
  }

  @Override
  public Optional<String> activeSieveScript(EmailAddress alias) {
    return sieveScripts.active(alias);
  }

  // Admin API tokens: see AdminTokenStorage

  @Override
  public dev.mailvault.directory.ClusterRegistry clusterRegistry() {
    return cluster;
  }

  @Override
  public AdminTokenInfo createAdminToken(String name, String scope, byte[] tokenHash) {
    return adminTokens.create(name, scope, tokenHash);
  }

  @Override
  public List<AdminTokenInfo> listAdminTokens() {
    return adminTokens.list();
  }

  @Override
  public boolean revokeAdminToken(long id) {
    return adminTokens.revoke(id);
  }

  @Override
  public Optional<AdminTokenInfo> useAdminToken(byte[] tokenHash) {
    return adminTokens.use(tokenHash);
  }

  // Passwords and keys: see AliasCredentials

  @Override
  public UnlockedAlias unlock(String login, char[] password) throws AuthenticationFailedException {
    return credentials.unlock(login, password, true);
  }

  @Override
  public UnlockedAlias unlockMain(String login, char[] password)
      throws AuthenticationFailedException {
    return credentials.unlock(login, password, false);
  }

  @Override
  public NewAppPassword addAppPassword(UnlockedAlias unlocked, String label)
      throws UnknownAliasException, AppPasswordException, ConcurrentChangeException {
    return appPasswords.add(unlocked, label);
  }

  @Override
  public List<AppPasswordInfo> appPasswords(EmailAddress alias) throws UnknownAliasException {
    return appPasswords.list(alias);
  }

  @Override
  public boolean revokeAppPassword(EmailAddress alias, String id) throws UnknownAliasException {
    return appPasswords.revoke(alias, id);
  }

  @Override
  public void enableTotp(UnlockedAlias unlocked, byte[] secret, long usedStep)
      throws UnknownAliasException, ConcurrentChangeException {
    totp.enable(unlocked, secret, usedStep);
  }

  @Override
  public boolean disableTotp(EmailAddress alias) throws UnknownAliasException {
    return totp.disable(alias);
  }

  @Override
  public boolean totpEnabled(EmailAddress alias) throws UnknownAliasException {
    return totp.enabled(alias);
  }

  @Override
  public boolean verifyTotp(UnlockedAlias unlocked, String code, Instant now)
      throws UnknownAliasException {
    return totp.verify(unlocked, code, now);
  }

  @Override
  public char[] changePassword(EmailAddress address, char[] oldPassword)
      throws UnknownAliasException, AuthenticationFailedException, ConcurrentChangeException {
    return credentials.changePassword(address, oldPassword);
  }

  @Override
  public void changePassword(EmailAddress address, char[] oldPassword, char[] newPassword)
      throws UnknownAliasException,
          AuthenticationFailedException,
          WeakPasswordException,
          ConcurrentChangeException {
    credentials.changePassword(address, oldPassword, newPassword);
  }

  @Override
  public ResetAlias resetPassword(EmailAddress address)
      throws UnknownAliasException, ConcurrentChangeException {
    return credentials.resetPassword(address);
  }

  @Override
  public ResetAlias resetPassword(EmailAddress address, char[] newPassword)
      throws UnknownAliasException, WeakPasswordException, ConcurrentChangeException {
    return credentials.resetPassword(address, newPassword);
  }

  // Routing per alias and domain: see RoutingStorage

  @Override
  public void setDeliveryMode(EmailAddress alias, DeliveryMode mode) throws UnknownAliasException {
    routing.setMode(alias, mode);
  }

  @Override
  public List<ForwardTarget> forwardTargets(EmailAddress alias) throws UnknownAliasException {
    return routing.targets(alias);
  }

  @Override
  public AddedForward addForwardTarget(EmailAddress alias, String target)
      throws UnknownAliasException, InvalidForwardTargetException {
    return routing.add(alias, target);
  }

  @Override
  public boolean removeForwardTarget(EmailAddress alias, String targetOrId)
      throws UnknownAliasException {
    return routing.remove(alias, targetOrId);
  }

  @Override
  public byte[] rotateWebhookSecret(EmailAddress alias) throws UnknownAliasException {
    return routing.rotateSecret(alias);
  }

  @Override
  public Optional<WebhookTargetRecord> webhookTarget(String targetId) {
    return routing.webhookTarget(targetId);
  }

  @Override
  public void recordWebhookDelivery(WebhookDelivery delivery) {
    routing.record(delivery);
  }

  @Override
  public List<WebhookDelivery> webhookDeliveries(EmailAddress alias, int limit)
      throws UnknownAliasException {
    return routing.deliveries(alias, limit);
  }

  @Override
  public void setCatchAll(DomainName domain, Optional<EmailAddress> alias)
      throws UnknownDomainException, UnknownAliasException {
    routing.setCatchAll(domain, alias);
  }

  @Override
  public void setDomainForward(DomainName domain, Optional<DomainName> target)
      throws UnknownDomainException {
    routing.setForward(domain, target);
  }

  @Override
  public DomainRouting domainRouting(DomainName domain) {
    return routing.domainRouting(domain);
  }

  // Quotas

  @Override
  public AccountInfo account() {
    return db.read(
        c ->
            queryOne(
                c,
                DirectorySql.SELECT_ACCOUNT,
                rs -> new AccountInfo(rs.getString(1), Rows.limits(rs, 2), Rows.usage(rs, 4)),
                accountId));
  }

  @Override
  public void setAccountQuota(QuotaLimits limits) {
    db.write(
        c ->
            update(
                c,
                DirectorySql.UPDATE_ACCOUNT_QUOTA,
                limits.maxBytes(),
                limits.maxMessages(),
                accountId));
  }

  @Override
  public void setDomainQuota(DomainName domain, QuotaLimits limits) throws UnknownDomainException {
    db.write(
        c -> {
          if (update(
                  c,
                  DirectorySql.UPDATE_DOMAIN_QUOTA,
                  limits.maxBytes(),
                  limits.maxMessages(),
                  domain.value())
              == 0) {
            throw new UnknownDomainException(UNKNOWN_DOMAIN);
          }
          return null;
        });
  }

  @Override
  public void setAliasQuota(EmailAddress address, QuotaLimits limits) throws UnknownAliasException {
    db.write(
        c -> {
          if (update(
                  c,
                  DirectorySql.UPDATE_ALIAS_QUOTA,
                  limits.maxBytes(),
                  limits.maxMessages(),
                  now(),
                  address.canonical())
              == 0) {
            throw new UnknownAliasException(UNKNOWN_ALIAS);
          }
          return null;
        });
  }

  @Override
  public QuotaLedger quotaLedger(String vaultId) throws UnknownAliasException {
    if (!db.read(c -> exists(c, DirectorySql.VAULT_EXISTS, vaultId))) {
      throw new UnknownAliasException("no alias has that vault");
    }
    return new JdbcQuotaLedger(db, vaultId);
  }

  // Console admins: see AdminAccountStorage

  @Override
  public LoginThrottleState loginThrottleState() {
    return throttleState;
  }

  @Override
  public AdminAccounts adminAccounts() {
    return admins;
  }

  @Override
  public void close() {
    unlockCache.close();
    db.close();
  }

  private long ensureDefaultAccount(Connection c) throws SQLException {
    Long id = queryOne(c, DirectorySql.ACCOUNT_ID_BY_NAME, rs -> rs.getLong(1), DEFAULT_ACCOUNT);
    if (id != null) {
      return id;
    }
    return queryOne(c, DirectorySql.INSERT_ACCOUNT, rs -> rs.getLong(1), DEFAULT_ACCOUNT, now());
  }

  private String now() {
    return clock.instant().toString();
  }
}
