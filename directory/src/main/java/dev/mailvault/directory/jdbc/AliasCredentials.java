package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.update;
import static dev.mailvault.directory.jdbc.SharedQueries.alias;
import static dev.mailvault.directory.jdbc.SharedQueries.releaseAbove;
import static dev.mailvault.directory.jdbc.SharedQueries.requireAlias;
import static dev.mailvault.directory.jdbc.SharedQueries.usageChain;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.PasswordGenerator;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.directory.AppPasswords;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.PasswordPolicy;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.WeakPasswordException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;

/**
 * The password side of the directory: unlock, change, reset (ADR 0025). Derivations run between
 * transactions; a write that depends on an earlier read is guarded by the alias's key generation.
 */
final class AliasCredentials {

  private final DirectoryDatabase db;
  private final AliasKeys keys;
  private final Clock clock;
  private final UnlockCache cache;
  private final AppPasswordStorage appPasswords;

  AliasCredentials(
      DirectoryDatabase db,
      AliasKeys keys,
      Clock clock,
      UnlockCache cache,
      AppPasswordStorage appPasswords) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
    this.cache = cache;
    this.appPasswords = appPasswords;
  }

  /**
   * @param allowAppPasswords whether an app password may unlock (mail clients) or only the main
   *     password (My account)
   */
  UnlockedAlias unlock(String login, char[] password, boolean allowAppPasswords)
      throws AuthenticationFailedException {
    EmailAddress address;
    try {
      address = EmailAddress.parse(login);
    } catch (InvalidAddressException e) {
      keys.deriveAndDiscard(password);
      throw new AuthenticationFailedException();
    }
    long ticket = cache.ticket();
    AliasRow alias = db.read(c -> alias(c, address));
    if (alias == null) {
      keys.deriveAndDiscard(password);
      throw new AuthenticationFailedException();
    }
    if (allowAppPasswords && alias.enabled()) {
      UnlockedAlias byAppPassword = unlockByAppPassword(alias, password);
      if (byAppPassword != null) {
        return byAppPassword;
      }
    }
    // ADR 0185: a match skips Argon2id; a mismatch proves nothing and falls through to it, so a
    // wrong password costs and answers exactly as it did without the cache.
    byte[] verifier = cache.enabled() && alias.enabled() ? cache.verifier(alias, password) : null;
    if (verifier != null) {
      UnlockedAlias cached = cache.lookup(alias, verifier);
      if (cached != null) {
        return cached;
      }
    }
    SecretBytes dataKey = unwrapOrFail(alias, password);
    if (!alias.enabled()) {
      dataKey.destroy();
      throw new AuthenticationFailedException();
    }
    try {
      SecretBytes spoolKey =
          keys.unwrapSpoolKey(alias.vaultId(), dataKey, alias.wrappedSpoolPrivateKey());
      UnlockedAlias unlocked =
          new UnlockedAlias(alias.address(), alias.vaultId(), dataKey, spoolKey);
      if (verifier != null) {
        cache.put(ticket, verifier, unlocked);
      }
      return unlocked;
    } catch (UnwrapException e) {
      dataKey.destroy();
      throw new DirectoryStorageException("an alias's wrapped spool key is damaged", e);
    }
  }

  /**
   * ADR 0266: only a password shaped like an app password is tried, for a few MACs; a miss goes on
   * to Argon2id, so a wrong password answers as late as it did before app passwords existed.
   */
  private UnlockedAlias unlockByAppPassword(AliasRow alias, char[] password) {
    char[] canonical = AppPasswords.normalise(password);
    if (canonical == null) {
      return null;
    }
    try {
      return appPasswords.unlock(alias, keys, canonical);
    } finally {
      Arrays.fill(canonical, '\0');
    }
  }

  char[] changePassword(EmailAddress address, char[] oldPassword)
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

  void changePassword(EmailAddress address, char[] oldPassword, char[] newPassword)
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
    cache.invalidate(alias.vaultId());
  }

  ResetAlias resetPassword(EmailAddress address)
      throws UnknownAliasException, ConcurrentChangeException {
    char[] generated = PasswordGenerator.generate();
    try {
      return reset(address, generated, true);
    } catch (DirectoryException | RuntimeException e) {
      Arrays.fill(generated, '\0');
      throw e;
    }
  }

  ResetAlias resetPassword(EmailAddress address, char[] newPassword)
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
    cache.invalidate(alias.vaultId());
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
    // Bound to the old data key: they would open nothing (ADR 0266, 0267).
    AppPasswordStorage.forgetAlias(c, alias.id());
    TotpStorage.forgetAlias(c, alias.id());
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

  private static ConcurrentChangeException concurrentChange() {
    return new ConcurrentChangeException(
        "the alias was changed by someone else meanwhile; nothing was written, try again");
  }

  private String now() {
    return clock.instant().toString();
  }
}
