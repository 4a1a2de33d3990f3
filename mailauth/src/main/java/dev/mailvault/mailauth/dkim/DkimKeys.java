package dev.mailvault.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * DKIM key pairs: made, stored as bytes, and published as the TXT record of their selector (RFC
 * 6376 §3.6.1).
 */
public final class DkimKeys {

  private static final int RSA_BITS = 2048;

  /** An Ed25519 SubjectPublicKeyInfo is this 12-byte prefix and the raw 32-byte key. */
  private static final int ED25519_SPKI_PREFIX = 12;

  private DkimKeys() {}

  /** A new key pair: RSA-2048 or Ed25519. */
  public static KeyPair generate(DkimAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
      if (algorithm == DkimAlgorithm.RSA_SHA256) {
        generator.initialize(RSA_BITS);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK makes " + algorithm.jcaName() + " keys", e);
    }
  }

  /**
   * The selector's TXT record: {@code v=DKIM1; k=...; p=...}. For RSA, {@code p=} is the
   * SubjectPublicKeyInfo (RFC 6376 §3.6.1); for Ed25519, the raw 32-byte key (RFC 8463 §4).
   */
  public static String txtRecord(DkimAlgorithm algorithm, PublicKey publicKey) {
    return "v=DKIM1; k="
        + algorithm.keyType()
        + "; p="
        + Base64.getEncoder().encodeToString(publicKeyData(algorithm, publicKey));
  }

  /** The {@code p=} bytes of {@code publicKey}. */
  public static byte[] publicKeyData(DkimAlgorithm algorithm, PublicKey publicKey) {
    byte[] spki = publicKey.getEncoded();
    return algorithm == DkimAlgorithm.ED25519_SHA256
        ? Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length)
        : spki;
  }

  /** The private key stored as {@code pkcs8} ({@link PrivateKey#getEncoded()}). */
  public static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm.jcaName())
        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  /** The public key stored as {@code spki} ({@link PublicKey#getEncoded()}). */
  public static PublicKey publicKey(DkimAlgorithm algorithm, byte[] spki)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm.jcaName()).generatePublic(new X509EncodedKeySpec(spki));
  }
}
