package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.SecretBytes;

/**
 * A new vault's keys: the raw data key (for the caller, never stored) and what the directory
 * stores: the password wrap, the spool public key and the spool private key wrapped under the data
 * key.
 */
record MintedKeys(
    String vaultId,
    SecretBytes dataKey,
    PasswordWrap passwordWrap,
    byte[] spoolPublicKey,
    byte[] wrappedSpoolPrivateKey) {}
