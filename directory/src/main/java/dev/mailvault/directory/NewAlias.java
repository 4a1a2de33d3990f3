package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;
import java.util.Arrays;
import java.util.Optional;

/**
 * An alias just created (or re-created by a password reset): the vault the caller must now create
 * with {@link #dataKey()}, and the generated password to show once, if the directory generated it.
 * {@link #close()} destroys the key and zeroes the password.
 */
public final class NewAlias implements AutoCloseable {

  private final EmailAddress address;
  private final String vaultId;
  private final SecretBytes dataKey;
  private final char[] generatedPassword;

  public NewAlias(
      EmailAddress address, String vaultId, SecretBytes dataKey, char[] generatedPassword) {
    this.address = address;
    this.vaultId = vaultId;
    this.dataKey = dataKey;
    this.generatedPassword = generatedPassword;
  }

  public EmailAddress address() {
    return address;
  }

  /** The new vault's id (its file name under {@code <data>/vaults/}). */
  public String vaultId() {
    return vaultId;
  }

  /** The new vault's raw data key; owned by this object. */
  public SecretBytes dataKey() {
    return dataKey;
  }

  /**
   * The generated password, present when none was given. Shown once, never stored: the array is
   * this object's and is zeroed by {@link #close()}.
   */
  public Optional<char[]> generatedPassword() {
    return Optional.ofNullable(generatedPassword);
  }

  @Override
  public void close() {
    dataKey.destroy();
    if (generatedPassword != null) {
      Arrays.fill(generatedPassword, '\0');
    }
  }

  @Override
  public String toString() {
    return "NewAlias[vault " + vaultId + "]";
  }
}
