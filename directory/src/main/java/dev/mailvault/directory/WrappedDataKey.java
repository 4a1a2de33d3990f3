package dev.mailvault.directory;

import dev.mailvault.core.crypto.Argon2Params;
import java.util.Objects;

/**
 * An alias's data key as the directory stores it: AEAD-wrapped under Argon2id(password, salt,
 * params), bound to its vault id. Public material: without the password it reveals nothing. Backup
 * manifests carry it, so a backup plus the password restores the vault without this directory.
 */
public record WrappedDataKey(String vaultId, byte[] salt, Argon2Params params, byte[] wrapped) {

  public WrappedDataKey {
    Objects.requireNonNull(vaultId, "vaultId");
    Objects.requireNonNull(params, "params");
    salt = salt.clone();
    wrapped = wrapped.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] wrapped() {
    return wrapped.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedDataKey k
        && vaultId.equals(k.vaultId)
        && java.util.Arrays.equals(salt, k.salt)
        && params.equals(k.params)
        && java.util.Arrays.equals(wrapped, k.wrapped);
  }

  @Override
  public int hashCode() {
    return vaultId.hashCode();
  }

  @Override
  public String toString() {
    return "WrappedDataKey[vault " + vaultId + ", " + params + "]";
  }
}
