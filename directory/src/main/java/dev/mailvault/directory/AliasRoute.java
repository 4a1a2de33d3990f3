package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What routing needs to know about an alias: where its vault is, the public key to seal spool items
 * to ({@link dev.mailvault.core.crypto.SpoolSealer}), and what the MX does with its mail: the
 * delivery mode and the forward targets (ADR 0240), read in the same look-up.
 */
public record AliasRoute(
    EmailAddress address,
    String vaultId,
    boolean enabled,
    byte[] spoolPublicKey,
    DeliveryMode mode,
    List<ForwardTarget> forwards) {

  public AliasRoute {
    spoolPublicKey = spoolPublicKey.clone();
    Objects.requireNonNull(mode, "mode");
    forwards = List.copyOf(forwards);
  }

  /** An alias that stores its mail and forwards nothing (the behaviour before issue 15). */
  public AliasRoute(EmailAddress address, String vaultId, boolean enabled, byte[] spoolPublicKey) {
    this(address, vaultId, enabled, spoolPublicKey, DeliveryMode.STORE, List.of());
  }

  @Override
  public byte[] spoolPublicKey() {
    return spoolPublicKey.clone();
  }

  /** Whether the MX writes a copy into the vault or spool. */
  public boolean stores() {
    return mode.stores() || forwards.isEmpty();
  }

  /** The targets the MX forwards to: none in STORE mode. */
  public List<ForwardTarget> activeForwards() {
    return mode.forwards() ? forwards : List.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AliasRoute other
        && address.equals(other.address)
        && vaultId.equals(other.vaultId)
        && enabled == other.enabled
        && Arrays.equals(spoolPublicKey, other.spoolPublicKey)
        && mode == other.mode
        && forwards.equals(other.forwards);
  }

  @Override
  public int hashCode() {
    return vaultId.hashCode();
  }

  @Override
  public String toString() {
    return "AliasRoute[vault " + vaultId + ", enabled " + enabled + ", " + mode + "]";
  }
}
