package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.exists;
import static dev.mailvault.directory.jdbc.Jdbc.queryAll;
import static dev.mailvault.directory.jdbc.Jdbc.queryOne;
import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.PasswordGenerator;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.AccountInfo;
import dev.mailvault.directory.AliasExistsException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DomainExistsException;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.DomainNotEmptyException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.PasswordPolicy;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.RemovedAlias;
import dev.mailvault.directory.RemovedDomain;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.WeakPasswordException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The directory over SQL ({@link DirectorySql}) and a {@link DirectoryDatabase}.
 *
 * <p>Concurrency: every read and write is one short transaction; Argon2id derivations and key
 * generation run between transactions, never inside one. Writes that depend on what an earlier
 * transaction read (password change, reset) are guarded by the alias's key generation, so two
 * concurrent changes cannot both win.
 */
final class JdbcDirectory implements Directory {

  static final String DEFAULT_ACCOUNT = "default";

  private static final String UNKNOWN_DOMAIN = "no such domain";
  private static final String UNKNOWN_ALIAS = "no such alias";

  private final DirectoryDatabase db;
  private final AliasKeys keys;
  private final Clock clock;
  private final long accountId;

  JdbcDirectory(DirectoryDatabase db, AliasKeys keys, Clock clock) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
    this.accountId = db.write(this::ensureDefaultAccount);
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
  public RemovedDomain removeDomain(DomainName name, boolean force)
      throws UnknownDomainException, DomainNotEmptyException {
    try {
      return db.write(c -> removeDomain(c, name, force));
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
    update(c, DirectorySql.DELETE_DOMAIN_ALIASES, domainId);
    release(
        c,
        DirectorySql.RELEASE_ACCOUNT,
        accountId,
        domain.usage().bytes(),
        domain.usage().messages());
    update(c, DirectorySql.DELETE_DOMAIN, domainId);
    return new RemovedDomain(name, removed);
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
    return db.write(
        c -> {
          AliasRow alias = requireAlias(c, address);
          UsageChain chain = usageChain(c, alias.vaultId());
          update(c, DirectorySql.DELETE_ALIAS, alias.id());
          releaseAbove(c, chain, chain.alias().usage().bytes(), chain.alias().usage().messages());
          return new RemovedAlias(alias.address(), alias.vaultId());
        });
  }

  @Override
  public void setEnabled(EmailAddress address, boolean enabled) throws UnknownAliasException {
    db.write(
        c -> {
          if (update(c, DirectorySql.UPDATE_ALIAS_ENABLED, enabled, now(), address.canonical())
              == 0) {
            throw new UnknownAliasException(UNKNOWN_ALIAS);
          }
          return null;
        });
  }

  @Override
  public Optional<AliasRoute> findAlias(EmailAddress address) {
    return Optional.ofNullable(db.read(c -> alias(c, address))).map(AliasRow::route);
  }

  // Passwords and keys

  @Override
  public UnlockedAlias unlock(String login, char[] password) throws AuthenticationFailedException {
    EmailAddress address;
    try {
      address = EmailAddress.parse(login);
    } catch (InvalidAddressException e) {
      keys.deriveAndDiscard(password);
      throw new AuthenticationFailedException();
    }
    AliasRow alias = db.read(c -> alias(c, address));
    if (alias == null) {
      keys.deriveAndDiscard(password);
      throw new AuthenticationFailedException();
    }
    SecretBytes dataKey = unwrapOrFail(alias, password);
    if (!alias.enabled()) {
      dataKey.destroy();
      throw new AuthenticationFailedException();
    }
    try {
      SecretBytes spoolKey =
          keys.unwrapSpoolKey(alias.vaultId(), dataKey, alias.wrappedSpoolPrivateKey());
      return new UnlockedAlias(alias.address(), alias.vaultId(), dataKey, spoolKey);
    } catch (UnwrapException e) {
      dataKey.destroy();
      throw new DirectoryStorageException("an alias's wrapped spool key is damaged", e);
    }
  }

  @Override
  public char[] changePassword(EmailAddress address, char[] oldPassword)
      throws UnknownAliasException, AuthenticationFailedException, ConcurrentChangeException {
    char[] generated = PasswordGenerator.generate();
    try {
      rewrap(address, oldPassword, generated);
      return generated;
    } catch (DirectoryException | RuntimeException e) {
      Arrays.fill(generated, '\0');
      throw e;
    }
  }

  @Override
  public void changePassword(EmailAddress address, char[] oldPassword, char[] newPassword)
      throws UnknownAliasException,
          AuthenticationFailedException,
          WeakPasswordException,
          ConcurrentChangeException {
    PasswordPolicy.check(newPassword);
    rewrap(address, oldPassword, newPassword);
  }

  /** Two derivations (old and new password); the data key itself never changes. */
  private void rewrap(EmailAddress address, char[] oldPassword, char[] newPassword)
      throws UnknownAliasException, AuthenticationFailedException, ConcurrentChangeException {
    AliasRow alias = db.read(c -> requireAlias(c, address));
    PasswordWrap wrap;
    try (SecretBytes dataKey = unwrapOrFail(alias, oldPassword)) {
      wrap = keys.wrap(alias.vaultId(), dataKey, newPassword);
    }
    db.write(
        c -> {
          int changed =
              update(
                  c,
                  DirectorySql.UPDATE_ALIAS_PASSWORD,
                  wrap.params().encoded(),
                  wrap.salt(),
                  wrap.wrappedDataKey(),
                  now(),
                  alias.id(),
                  alias.keyGeneration());
          if (changed == 0) {
            throw concurrentChange();
          }
          return null;
        });
  }

  @Override
  public ResetAlias resetPassword(EmailAddress address)
      throws UnknownAliasException, ConcurrentChangeException {
    char[] generated = PasswordGenerator.generate();
    try {
      return reset(address, generated, true);
    } catch (DirectoryException | RuntimeException e) {
      Arrays.fill(generated, '\0');
      throw e;
    }
  }

  @Override
  public ResetAlias resetPassword(EmailAddress address, char[] newPassword)
      throws UnknownAliasException, WeakPasswordException, ConcurrentChangeException {
    PasswordPolicy.check(newPassword);
    return reset(address, newPassword, false);
  }

  private ResetAlias reset(EmailAddress address, char[] password, boolean generated)
      throws UnknownAliasException, ConcurrentChangeException {
    AliasRow alias = db.read(c -> requireAlias(c, address));
    MintedKeys minted = keys.mint(RandomIds.vaultId(), password);
    try {
      db.write(c -> replaceKeys(c, alias, minted));
    } catch (ConcurrentChangeException | RuntimeException e) {
      minted.dataKey().destroy();
      throw e;
    }
    NewAlias fresh =
        new NewAlias(
            alias.address(), minted.vaultId(), minted.dataKey(), generated ? password : null);
    return new ResetAlias(fresh, alias.vaultId());
  }

  /** The old vault's usage leaves the domain and account with it. */
  private Void replaceKeys(Connection c, AliasRow alias, MintedKeys minted)
      throws SQLException, ConcurrentChangeException {
    UsageChain chain = usageChain(c, alias.vaultId());
    if (chain == null) {
      throw concurrentChange();
    }
    PasswordWrap wrap = minted.passwordWrap();
    int changed =
        update(
            c,
            DirectorySql.UPDATE_ALIAS_RESET,
            minted.vaultId(),
            wrap.params().encoded(),
            wrap.salt(),
            wrap.wrappedDataKey(),
            minted.spoolPublicKey(),
            minted.wrappedSpoolPrivateKey(),
            now(),
            alias.id(),
            alias.keyGeneration());
    if (changed == 0) {
      throw concurrentChange();
    }
    releaseAbove(c, chain, chain.alias().usage().bytes(), chain.alias().usage().messages());
    return null;
  }

  private SecretBytes unwrapOrFail(AliasRow alias, char[] password)
      throws AuthenticationFailedException {
    try {
      return keys.unwrapDataKey(alias.vaultId(), alias.passwordWrap(), password);
    } catch (UnwrapException wrongPassword) {
      throw new AuthenticationFailedException();
    }
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

  @Override
  public void close() {
    db.close();
  }

  // Shared steps

  static UsageChain usageChain(Connection c, String vaultId) throws SQLException {
    return queryOne(
        c,
        DirectorySql.SELECT_USAGE_CHAIN,
        rs ->
            new UsageChain(
                level(rs, 1, "alias", "this mailbox's"),
                level(rs, 6, "domain", "the domain's"),
                level(rs, 11, "account", "the account's")),
        vaultId);
  }

  private static UsageChain.Level level(ResultSet rs, int column, String name, String whose)
      throws SQLException {
    return new UsageChain.Level(
        name, whose, rs.getLong(column), Rows.limits(rs, column + 1), Rows.usage(rs, column + 3));
  }

  /** Takes usage that leaves with an alias off its domain and account. */
  static void releaseAbove(Connection c, UsageChain chain, long bytes, long messages)
      throws SQLException {
    release(c, DirectorySql.RELEASE_DOMAIN, chain.domain().id(), bytes, messages);
    release(c, DirectorySql.RELEASE_ACCOUNT, chain.account().id(), bytes, messages);
  }

  static void release(Connection c, String sql, long id, long bytes, long messages)
      throws SQLException {
    update(c, sql, bytes, bytes, messages, messages, id);
  }

  private long ensureDefaultAccount(Connection c) throws SQLException {
    Long id = queryOne(c, DirectorySql.ACCOUNT_ID_BY_NAME, rs -> rs.getLong(1), DEFAULT_ACCOUNT);
    if (id != null) {
      return id;
    }
    return queryOne(c, DirectorySql.INSERT_ACCOUNT, rs -> rs.getLong(1), DEFAULT_ACCOUNT, now());
  }

  private static DomainInfo domain(Connection c, DomainName name) throws SQLException {
    return queryOne(c, DirectorySql.SELECT_DOMAIN, Rows::domain, name.value());
  }

  private static long requireDomainId(Connection c, DomainName name)
      throws SQLException, UnknownDomainException {
    Long id = queryOne(c, DirectorySql.SELECT_DOMAIN, rs -> rs.getLong(1), name.value());
    if (id == null) {
      throw new UnknownDomainException(UNKNOWN_DOMAIN);
    }
    return id;
  }

  private static AliasRow alias(Connection c, EmailAddress address) throws SQLException {
    return queryOne(c, DirectorySql.SELECT_ALIAS, Rows::alias, address.canonical());
  }

  private static AliasRow requireAlias(Connection c, EmailAddress address)
      throws SQLException, UnknownAliasException {
    AliasRow row = alias(c, address);
    if (row == null) {
      throw new UnknownAliasException(UNKNOWN_ALIAS);
    }
    return row;
  }

  private static ConcurrentChangeException concurrentChange() {
    return new ConcurrentChangeException(
        "the alias was changed by someone else meanwhile; nothing was written, try again");
  }

  private String now() {
    return clock.instant().toString();
  }
}
