package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordKdf;

/**
 * Tunables of a directory.
 *
 * @param kdf the password KDF (Argon2id; replaceable so tests can count derivations)
 * @param newAliasParams Argon2id parameters for new aliases and password changes; existing aliases
 *     keep the parameters stored with them
 */
public record DirectoryOptions(PasswordKdf kdf, Argon2Params newAliasParams) {

  public static DirectoryOptions defaults() {
    return new DirectoryOptions(PasswordKdf.argon2id(), Argon2Params.DEFAULT);
  }
}
