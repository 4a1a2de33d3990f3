/**
 * Crypto primitives Mailvault builds on: an in-memory holder for key material ({@link
 * dev.mailvault.core.crypto.SecretBytes}), Argon2id password derivation ({@link
 * dev.mailvault.core.crypto.PasswordKdf}), AEAD key wrapping ({@link
 * dev.mailvault.core.crypto.KeyWrap}), hybrid post-quantum sealing for the spool ({@link
 * dev.mailvault.core.crypto.SpoolSealer}) and random identifiers and passwords.
 *
 * <p>Nothing here touches the disk, a database or a log.
 */
package dev.mailvault.core.crypto;
