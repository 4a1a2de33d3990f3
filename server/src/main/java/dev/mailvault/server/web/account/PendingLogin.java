package dev.mailvault.server.web.account;

import dev.mailvault.directory.UnlockedAlias;

/**
 * An alias unlocked by its password while the owner types the two-factor code: held by the
 * ACCOUNT_TOTP session, handed to the ACCOUNT session on success, closed if that never comes.
 */
final class PendingLogin implements AutoCloseable {

  /** Wrong codes before the half-done login is dropped. */
  static final int MAX_WRONG_CODES = 5;

  private UnlockedAlias unlocked;
  private int wrongCodes;

  PendingLogin(UnlockedAlias unlocked) {
    this.unlocked = unlocked;
  }

  /** The alias, or null when already taken or closed. */
  synchronized UnlockedAlias peek() {
    return unlocked;
  }

  /** Transfers ownership of the keys to the caller. */
  synchronized UnlockedAlias take() {
    UnlockedAlias out = unlocked;
    unlocked = null;
    return out;
  }

  /** Counts a wrong code; true when that was one too many. */
  synchronized boolean wrongCode() {
    return ++wrongCodes >= MAX_WRONG_CODES;
  }

  @Override
  public synchronized void close() {
    if (unlocked != null) {
      unlocked.close();
      unlocked = null;
    }
  }
}
