package dev.mailvault.directory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One DKIM key of a domain as the directory stores it (ADR 0207). The private key is opaque here:
 * the server seals it before it is stored and unseals it after it is read.
 *
 * @param selector the DNS label under {@code _domainkey} (RFC 6376 §3.1)
 * @param algorithm the key record's {@code k=} value: {@code rsa} or {@code ed25519}
 * @param publicKey the SubjectPublicKeyInfo (DER)
 * @param sealedPrivateKey the PKCS#8 private key as the server sealed it
 * @param created when the key was made
 * @param state whether it signs, or is only still published
 * @param retired when it stopped signing; empty while it is active
 */
public record DkimKeyRecord(
    String selector,
    String algorithm,
    byte[] publicKey,
    byte[] sealedPrivateKey,
    Instant created,
    DkimKeyState state,
    Optional<Instant> retired) {

  /**
   * A selector is one DNS label of letters, digits and hyphens (RFC 6376 §3.1, RFC 5321 §4.1.2).
   */
  private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public DkimKeyRecord {
    Objects.requireNonNull(created);
    Objects.requireNonNull(state);
    Objects.requireNonNull(retired);
    if (!SELECTOR.matcher(selector).matches()) {
      throw new IllegalArgumentException("a DKIM selector is one lower-case DNS label");
    }
    if (!algorithm.equals("rsa") && !algorithm.equals("ed25519")) {
      throw new IllegalArgumentException("a DKIM key is rsa or ed25519");
    }
    if (retired.isPresent() != (state == DkimKeyState.RETIRED)) {
      throw new IllegalArgumentException("a retired key, and only one, has a retirement time");
    }
    publicKey = publicKey.clone();
    sealedPrivateKey = sealedPrivateKey.clone();
  }

  /** A new key, active from {@code created}. */
  public static DkimKeyRecord active(
      String selector,
      String algorithm,
      byte[] publicKey,
      byte[] sealedPrivateKey,
      Instant created) {
    return new DkimKeyRecord(
        selector,
        algorithm,
        publicKey,
        sealedPrivateKey,
        created,
        DkimKeyState.ACTIVE,
        Optional.empty());
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sealedPrivateKey() {
    return sealedPrivateKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DkimKeyRecord k
        && selector.equals(k.selector)
        && algorithm.equals(k.algorithm)
        && Arrays.equals(publicKey, k.publicKey)
        && Arrays.equals(sealedPrivateKey, k.sealedPrivateKey)
        && created.equals(k.created)
        && state == k.state
        && retired.equals(k.retired);
  }

  @Override
  public int hashCode() {
    return Objects.hash(selector, algorithm, Arrays.hashCode(publicKey), created, state);
  }

  /** No key bytes: a record may end up in a log line. */
  @Override
  public String toString() {
    return "DkimKeyRecord[" + selector + ", " + algorithm + ", " + state + "]";
  }
}
