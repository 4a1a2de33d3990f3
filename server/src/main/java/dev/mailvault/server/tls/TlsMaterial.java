package dev.mailvault.server.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A server certificate chain (leaf first) and the private key of its leaf.
 *
 * @param chain the leaf certificate, then any intermediates
 * @param key the leaf's private key
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key) {

  public TlsMaterial {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
    chain = List.copyOf(chain);
  }

  /** The server's own certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** Whether the leaf is within its validity period at {@code now}. */
  public boolean validAt(Instant now) {
    return !now.isBefore(leaf().getNotBefore().toInstant())
        && !now.isAfter(leaf().getNotAfter().toInstant());
  }

  /**
   * Whether the key belongs to the leaf: a random challenge signed with the key must verify under
   * the certificate's public key. Works for every key type without comparing type-specific fields.
   */
  public boolean keyMatchesLeaf() {
    String algorithm = signatureAlgorithm(key.getAlgorithm());
    if (algorithm == null || !key.getAlgorithm().equals(leaf().getPublicKey().getAlgorithm())) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf().getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A signature algorithm for a key algorithm, or null for a key TLS servers do not use. */
  static String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
  }
}
