package dev.mailvault.mailauth.dkim;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A key to sign with: the signing domain ({@code d=}), the selector ({@code s=}) under whose {@code
 * _domainkey} name the public key is published, the algorithm and the private key.
 */
public record DkimSigningKey(
    String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey) {

  public DkimSigningKey {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public String toString() {
    // The private key is never printed.
    return "DkimSigningKey[domain="
        + domain
        + ", selector="
        + selector
        + ", algorithm="
        + algorithm
        + "]";
  }
}
