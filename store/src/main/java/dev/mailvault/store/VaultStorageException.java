package dev.mailvault.store;

/**
 * A failure of the storage itself (disk full, I/O error, a damaged file), not of the caller's
 * request. The protocol boundary answers it as a server-side failure and logs it once. Its message
 * never carries message content or keys: SQLite's messages name tables and codes only.
 */
public final class VaultStorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public VaultStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
