package dev.mailvault.core.access;

/**
 * Hears the committed changes of one vault. Events of a vault arrive in commit order, on a store
 * thread, never under the vault's writer lock; a listener must not block for long (hand work to its
 * own executor) and its exceptions are logged and ignored.
 */
@FunctionalInterface
public interface VaultListener {

  void onEvent(VaultEvent event);

  /** Stops the listener; closing twice is harmless. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
