package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Seals spool items to an alias's {@link SpoolKeyPair} with a hybrid KEM (X25519 + ML-KEM-768) and
 * ChaCha20-Poly1305 (DESIGN §5, ADR 0021). Anyone with the public key can seal; only the holder of
 * the private key (a logged-in session) can open.
 *
 * <p>Sealed format, version 1: {@code 0x01 | ephemeral X25519 public (32) | ML-KEM-768 ciphertext
 * (1088) | AEAD ciphertext | tag (16)}. The AEAD key and nonce come from HKDF-SHA256 over both
 * shared secrets, both KEM ciphertexts and both recipient public keys (an X-Wing style combiner),
 * so the result stays secret while either X25519 or ML-KEM holds, and every sealing uses a fresh
 * key. The associated data is the version byte followed by the caller's.
 */
public final class SpoolSealer {

  static final byte VERSION = 1;
  private static final int ML_KEM_CIPHERTEXT_LENGTH = 1088;
  private static final int HEADER = 1 + SpoolKeyPair.X25519_LENGTH + ML_KEM_CIPHERTEXT_LENGTH;
  private static final byte[] COMBINER_LABEL =
      "mailvault:spool:v1:x25519+mlkem768".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXPAND_INFO =
      "mailvault:spool:v1:aead key and nonce".getBytes(StandardCharsets.US_ASCII);

  private SpoolSealer() {}

  /**
   * Seals {@code plaintext} to {@code publicKey}.
   *
   * @throws IllegalArgumentException when {@code publicKey} is not a version-1 spool public key
   */
  public static byte[] seal(byte[] publicKey, byte[] plaintext, byte[] aad) {
    RecipientKey recipient = RecipientKey.parse(publicKey);

    X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(Csprng.RANDOM);
    byte[] xCiphertext = ephemeral.generatePublicKey().getEncoded();
    byte[] xShared = new byte[32];
    try {
      ephemeral.generateSecret(recipient.x25519(), xShared, 0);
    } catch (IllegalStateException lowOrderPoint) {
      throw new IllegalArgumentException("spool public key is not usable", lowOrderPoint);
    }
    SecretWithEncapsulation pq =
        new MLKEMGenerator(Csprng.RANDOM).generateEncapsulated(recipient.mlKem());
    byte[] mCiphertext = pq.getEncapsulation();
    byte[] mShared = pq.getSecret();

    byte[] keyAndNonce = combine(mShared, xShared, xCiphertext, recipient, mCiphertext);
    try {
      byte[] sealed =
          ChaCha20Poly1305.seal(key(keyAndNonce), nonce(keyAndNonce), plaintext, aad(aad));
      return ByteBuffer.allocate(HEADER + sealed.length)
          .put(VERSION)
          .put(xCiphertext)
          .put(mCiphertext)
          .put(sealed)
          .array();
    } finally {
      wipe(xShared, mShared, keyAndNonce);
    }
  }

  /** Opens what {@link #seal} produced for the public half of {@code privateKey}. */
  public static byte[] open(SecretBytes privateKey, byte[] sealed, byte[] aad)
      throws UnwrapException {
    if (sealed.length < HEADER + ChaCha20Poly1305.TAG_LENGTH) {
      throw new UnwrapException("sealed spool item is truncated");
    }
    if (sealed[0] != VERSION) {
      throw new UnwrapException("unknown sealed spool item format " + sealed[0]);
    }
    byte[] xCiphertext = Arrays.copyOfRange(sealed, 1, 1 + SpoolKeyPair.X25519_LENGTH);
    byte[] mCiphertext = Arrays.copyOfRange(sealed, 1 + SpoolKeyPair.X25519_LENGTH, HEADER);
    byte[] body = Arrays.copyOfRange(sealed, HEADER, sealed.length);

    byte[] raw = privateKey.bytes();
    byte[] xPrivateBytes = null;
    byte[] seed = null;
    byte[] xShared = new byte[32];
    byte[] mShared = null;
    byte[] keyAndNonce = null;
    try {
      if (raw.length != SpoolKeyPair.PRIVATE_LENGTH || raw[0] != SpoolKeyPair.VERSION) {
        throw new IllegalArgumentException("not a version-1 spool private key");
      }
      xPrivateBytes = Arrays.copyOfRange(raw, 1, 1 + SpoolKeyPair.X25519_LENGTH);
      seed = Arrays.copyOfRange(raw, 1 + SpoolKeyPair.X25519_LENGTH, raw.length);
      X25519PrivateKeyParameters xPrivate = new X25519PrivateKeyParameters(xPrivateBytes);
      MLKEMPrivateKeyParameters mPrivate = new MLKEMPrivateKeyParameters(SpoolKeyPair.ML_KEM, seed);
      RecipientKey recipient =
          new RecipientKey(xPrivate.generatePublicKey(), mPrivate.getPublicKeyParameters());
      try {
        xPrivate.generateSecret(new X25519PublicKeyParameters(xCiphertext), xShared, 0);
      } catch (IllegalStateException lowOrderPoint) {
        throw new UnwrapException("sealed spool item is damaged");
      }
      // FIPS 203 §6.3: decapsulation never fails; a wrong ciphertext yields an implicit-reject
      // secret, which then fails the AEAD tag below.
      mShared = new MLKEMExtractor(mPrivate).extractSecret(mCiphertext);
      keyAndNonce = combine(mShared, xShared, xCiphertext, recipient, mCiphertext);
      return ChaCha20Poly1305.open(key(keyAndNonce), nonce(keyAndNonce), body, aad(aad));
    } finally {
      wipe(raw, xPrivateBytes, seed, xShared, mShared, keyAndNonce);
    }
  }

  /**
   * HKDF-SHA256 (RFC 5869) over ss_M | ss_X | ct_X | pk_X | ct_M | SHA-256(pk_M), salted with a
   * label: the X-Wing combiner's inputs plus the ML-KEM ciphertext and key for good measure.
   */
  private static byte[] combine(
      byte[] mShared, byte[] xShared, byte[] xCiphertext, RecipientKey recipient, byte[] mCt) {
    byte[] xPublic = recipient.x25519().getEncoded();
    byte[] mPublicHash = sha256(recipient.mlKem().getEncoded());
    byte[] ikm =
        ByteBuffer.allocate(
                mShared.length
                    + xShared.length
                    + xCiphertext.length
                    + xPublic.length
                    + mCt.length
                    + mPublicHash.length)
            .put(mShared)
            .put(xShared)
            .put(xCiphertext)
            .put(xPublic)
            .put(mCt)
            .put(mPublicHash)
            .array();
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, COMBINER_LABEL, EXPAND_INFO));
      byte[] out = new byte[ChaCha20Poly1305.KEY_LENGTH + ChaCha20Poly1305.NONCE_LENGTH];
      hkdf.generateBytes(out, 0, out.length);
      return out;
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  private static byte[] key(byte[] keyAndNonce) {
    return Arrays.copyOf(keyAndNonce, ChaCha20Poly1305.KEY_LENGTH);
  }

  private static byte[] nonce(byte[] keyAndNonce) {
    return Arrays.copyOfRange(keyAndNonce, ChaCha20Poly1305.KEY_LENGTH, keyAndNonce.length);
  }

  private static byte[] aad(byte[] aad) {
    byte[] out = new byte[1 + aad.length];
    out[0] = VERSION;
    System.arraycopy(aad, 0, out, 1, aad.length);
    return out;
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  /** The two halves of a recipient's public key. */
  private record RecipientKey(X25519PublicKeyParameters x25519, MLKEMPublicKeyParameters mlKem) {

    static RecipientKey parse(byte[] publicKey) {
      if (publicKey.length != SpoolKeyPair.PUBLIC_LENGTH || publicKey[0] != SpoolKeyPair.VERSION) {
        throw new IllegalArgumentException("not a version-1 spool public key");
      }
      return new RecipientKey(
          new X25519PublicKeyParameters(publicKey, 1),
          new MLKEMPublicKeyParameters(
              SpoolKeyPair.ML_KEM,
              Arrays.copyOfRange(publicKey, 1 + SpoolKeyPair.X25519_LENGTH, publicKey.length)));
    }
  }
}
