package dev.mailvault.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The hash and signature steps of RFC 6376 §3.3 and RFC 8463 §3: on the JDK's providers, except
 * Ed25519 signing, which Bouncy Castle does several times faster than JDK 17's EdDSA (the queue
 * signs every submitted message; ADR 0210). Both give the same bytes: Ed25519 is deterministic.
 */
final class DkimCrypto {

  private DkimCrypto() {}

  static byte[] sha256(byte[] data, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static byte[] sign(DkimAlgorithm algorithm, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    if (algorithm == DkimAlgorithm.ED25519_SHA256 && key instanceof EdECPrivateKey edKey) {
      byte[] raw =
          edKey.getBytes().orElseThrow(() -> new InvalidKeyException("Ed25519 key without bytes"));
      try {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(raw, 0));
        byte[] input = input(algorithm, data);
        signer.update(input, 0, input.length);
        return signer.generateSignature();
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
    Signature signature = Signature.getInstance(jcaSignature(algorithm));
    signature.initSign(key);
    signature.update(input(algorithm, data));
    return signature.sign();
  }

  static boolean verify(DkimAlgorithm algorithm, PublicKey key, byte[] data, byte[] signed)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(jcaSignature(algorithm));
    signature.initVerify(key);
    signature.update(input(algorithm, data));
    return signature.verify(signed);
  }

  private static String jcaSignature(DkimAlgorithm algorithm) {
    return algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519";
  }

  /**
   * RSA signs the data through SHA-256 itself; RFC 8463 §3 has Ed25519 (pure EdDSA) sign the
   * SHA-256 hash of the data rather than the data.
   */
  private static byte[] input(DkimAlgorithm algorithm, byte[] data) {
    return algorithm == DkimAlgorithm.ED25519_SHA256 ? sha256(data, data.length) : data;
  }
}
