package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.crypto.WrapPurpose;

/**
 * The key work of the directory: minting a vault's keys, wrapping the data key under a password and
 * unwrapping it. Each password use is exactly one Argon2id derivation; nothing here touches
 * storage, so callers run it outside their database lock.
 */
final class AliasKeys {

  private static final int DATA_KEY_LENGTH = 32;

  private final PasswordKdf kdf;
  private final Argon2Params params;

  /** For unknown aliases: derived from like a real salt so the cost is the same. */
  private final byte[] dummySalt = RandomIds.bytes(PasswordKdf.SALT_LENGTH);

  AliasKeys(PasswordKdf kdf, Argon2Params params) {
    this.kdf = kdf;
    this.params = params;
  }

  /** The KDF, for the console's admin passwords (ADR 0263). */
  PasswordKdf kdf() {
    return kdf;
  }

  /** The Argon2id parameters of new passwords. */
  Argon2Params params() {
    return params;
  }

  /** A new random data key and spool key pair for {@code vaultId}, wrapped for storage. */
  MintedKeys mint(String vaultId, char[] password) {
    SecretBytes dataKey = SecretBytes.random(DATA_KEY_LENGTH);
    try (SpoolKeyPair spool = SpoolKeyPair.generate()) {
      PasswordWrap wrap = wrap(vaultId, dataKey, password);
      byte[] wrappedSpool =
          KeyWrap.wrap(
              dataKey, spool.privateKey(), WrapPurpose.SPOOL_PRIVATE_KEY.associatedData(vaultId));
      return new MintedKeys(vaultId, dataKey, wrap, spool.publicKey(), wrappedSpool);
    } catch (RuntimeException e) {
      dataKey.destroy();
      throw e;
    }
  }

  /** Wraps {@code dataKey} under a key derived from {@code password} with a fresh salt. */
  PasswordWrap wrap(String vaultId, SecretBytes dataKey, char[] password) {
    byte[] salt = RandomIds.bytes(PasswordKdf.SALT_LENGTH);
    try (SecretBytes kek = kdf.derive(password, salt, params)) {
      return new PasswordWrap(
          salt, params, KeyWrap.wrap(kek, dataKey, WrapPurpose.DATA_KEY.associatedData(vaultId)));
    }
  }

  /** One derivation with the stored salt and parameters, then the AEAD unwrap. */
  SecretBytes unwrapDataKey(String vaultId, PasswordWrap stored, char[] password)
      throws UnwrapException {
    try (SecretBytes kek = kdf.derive(password, stored.salt(), stored.params())) {
      return KeyWrap.unwrap(
          kek, stored.wrappedDataKey(), WrapPurpose.DATA_KEY.associatedData(vaultId));
    }
  }

  SecretBytes unwrapSpoolKey(String vaultId, SecretBytes dataKey, byte[] wrappedSpoolPrivateKey)
      throws UnwrapException {
    return KeyWrap.unwrap(
        dataKey, wrappedSpoolPrivateKey, WrapPurpose.SPOOL_PRIVATE_KEY.associatedData(vaultId));
  }

  /** The derivation an unknown alias would have cost, with the result thrown away. */
  void deriveAndDiscard(char[] password) {
    kdf.derive(password, dummySalt, params).destroy();
  }
}
