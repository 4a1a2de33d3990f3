package dev.mailvault.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a wrapped key is for. Its label and the owner's id form the AEAD associated data, so a
 * wrapped key moved to another alias, or used for another purpose, fails to unwrap.
 */
public enum WrapPurpose {
  /** A vault data key, wrapped under the key derived from the alias password. */
  DATA_KEY("mailvault:datakey:v1:"),
  /** A serialized spool private key, wrapped under the vault data key. */
  SPOOL_PRIVATE_KEY("mailvault:spoolkey:v1:"),
  /** A vault data key, wrapped under the key derived from one app password (ADR 0266). */
  APP_PASSWORD_DATA_KEY("mailvault:apppassword:v1:"),
  /** An alias's TOTP secret, sealed under the vault data key (ADR 0267). */
  TOTP_SECRET("mailvault:totp:v1:");

  private final String label;

  WrapPurpose(String label) {
    this.label = label;
  }

  /** The associated data binding a wrap to this purpose and its owner (e.g. a vault id). */
  public byte[] associatedData(String ownerId) {
    return (label + ownerId).getBytes(StandardCharsets.UTF_8);
  }
}
