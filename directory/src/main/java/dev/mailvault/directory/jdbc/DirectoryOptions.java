package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordKdf;
import java.time.Clock;
import java.time.Duration;

/**
 * Tunables of a directory.
 *
 * @param kdf the password KDF (Argon2id; replaceable so tests can count derivations)
 * @param newAliasParams Argon2id parameters for new aliases and password changes; existing aliases
 *     keep the parameters stored with them
 * @param unlockCache how long re-logins skip Argon2id (ADR 0185)
 * @param clock timestamps of rows and the unlock cache's expiry (replaceable so tests need not
 *     sleep)
 */
public record DirectoryOptions(
    PasswordKdf kdf, Argon2Params newAliasParams, UnlockCachePolicy unlockCache, Clock clock) {

  /** The default for {@code vault.idle-seconds}. */
  static final Duration DEFAULT_UNLOCK_CACHE_IDLE = Duration.ofSeconds(300);

  /** The default cache and the system clock. */
  public DirectoryOptions(PasswordKdf kdf, Argon2Params newAliasParams) {
    this(
        kdf,
        newAliasParams,
        UnlockCachePolicy.keepFor(DEFAULT_UNLOCK_CACHE_IDLE),
        Clock.systemUTC());
  }

  public static DirectoryOptions defaults() {
    return new DirectoryOptions(PasswordKdf.argon2id(), Argon2Params.DEFAULT);
  }

  public DirectoryOptions withUnlockCache(UnlockCachePolicy policy) {
    return new DirectoryOptions(kdf, newAliasParams, policy, clock);
  }

  public DirectoryOptions withClock(Clock clock) {
    return new DirectoryOptions(kdf, newAliasParams, unlockCache, clock);
  }
}
