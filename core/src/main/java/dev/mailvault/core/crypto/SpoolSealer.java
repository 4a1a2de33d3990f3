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
 * <p>Sealed format, version 2 (ADR 0152): {@code 0x02 | ephemeral X25519 public (32) | ML-KEM-768
 * ciphertext (1088) | salt (16) | AEAD ciphertext | tag (16)}. One {@link Encapsulation} may seal
 * several items to the same recipient: the HKDF-SHA256 pseudorandom key over both shared secrets,
 * both KEM ciphertexts and both recipient public keys (an X-Wing style combiner) is extracted once,
 * and each item's AEAD key and nonce are expanded from it with the item's own random salt, so no
 * two items share a key. The result stays secret while either X25519 or ML-KEM holds.
 *
 * <p>Version 1 (ADR 0021), still opened: {@code 0x01 | X25519 public | ML-KEM ciphertext | AEAD
 * ciphertext | tag}, one encapsulation per item, key and nonce expanded without a salt. The
 * associated data is the version byte followed by the caller's, in both versions.
 */
public final class SpoolSealer {

  static final byte VERSION_1 = 1;
  static final byte VERSION = 2;
  static final int SALT_LENGTH = 16;
  private static final int ML_KEM_CIPHERTEXT_LENGTH = 1088;
  private static final int HEADER = 1 + SpoolKeyPair.X25519_LENGTH + ML_KEM_CIPHERTEXT_LENGTH;
  private static final byte[] COMBINER_LABEL =
      "mailvault:spool:v1:x25519+mlkem768".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXPAND_INFO =
      "mailvault:spool:v1:aead key and nonce".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXPAND_INFO_2 =
      "mailvault:spool:v2:aead key and nonce|".getBytes(StandardCharsets.US_ASCII);

  private SpoolSealer() {}

  /**
   * Seals {@code plaintext} to {@code publicKey} with an encapsulation of its own.
   *
   * @throws IllegalArgumentException when {@code publicKey} is not a version-1 spool public key
   */
  public static byte[] seal(byte[] publicKey, byte[] plaintext, byte[] aad) {
    try (Encapsulation encapsulation = encapsulate(publicKey)) {
      return encapsulation.seal(plaintext, aad);
    }
  }

  /**
   * A fresh hybrid KEM encapsulation to {@code publicKey}, to seal one or more items with. Whoever
   * holds it can seal to the recipient and read what it sealed, so it is kept for seconds only and
   * closed (its secret wiped) after (ADR 0152).
   *
   * @throws IllegalArgumentException when {@code publicKey} is not a version-1 spool public key
   */
  public static Encapsulation encapsulate(byte[] publicKey) {
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
    byte[] ikm = combinerInput(mShared, xShared, xCiphertext, recipient, mCiphertext);
    try {
      byte[] prk = new HKDFBytesGenerator(new SHA256Digest()).extractPRK(COMBINER_LABEL, ikm);
      byte[] header =
          ByteBuffer.allocate(HEADER).put(VERSION).put(xCiphertext).put(mCiphertext).array();
      return new Encapsulation(publicKey.clone(), header, prk);
    } finally {
      wipe(xShared, mShared, ikm);
    }
  }

  /** Opens what {@link #seal} produced for the public half of {@code privateKey}. */
  public static byte[] open(SecretBytes privateKey, byte[] sealed, byte[] aad)
      throws UnwrapException {
    if (sealed.length < 1 || (sealed[0] != VERSION && sealed[0] != VERSION_1)) {
      throw new UnwrapException(
          "unknown sealed spool item format " + (sealed.length < 1 ? "(empty)" : sealed[0]));
    }
    byte version = sealed[0];
    int saltLength = version == VERSION ? SALT_LENGTH : 0;
    if (sealed.length < HEADER + saltLength + ChaCha20Poly1305.TAG_LENGTH) {
      throw new UnwrapException("sealed spool item is truncated");
    }
    byte[] xCiphertext = Arrays.copyOfRange(sealed, 1, 1 + SpoolKeyPair.X25519_LENGTH);
    byte[] mCiphertext = Arrays.copyOfRange(sealed, 1 + SpoolKeyPair.X25519_LENGTH, HEADER);
    byte[] salt = Arrays.copyOfRange(sealed, HEADER, HEADER + saltLength);
    byte[] body = Arrays.copyOfRange(sealed, HEADER + saltLength, sealed.length);

    byte[] raw = privateKey.bytes();
    byte[] xPrivateBytes = null;
    byte[] seed = null;
    byte[] xShared = new byte[32];
    byte[] mShared = null;
    byte[] ikm = null;
    byte[] prk = null;
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
      ikm = combinerInput(mShared, xShared, xCiphertext, recipient, mCiphertext);
      prk = new HKDFBytesGenerator(new SHA256Digest()).extractPRK(COMBINER_LABEL, ikm);
      keyAndNonce = version == VERSION ? expand(prk, salt) : expandWithInfo(prk, EXPAND_INFO);
      return ChaCha20Poly1305.open(key(keyAndNonce), nonce(keyAndNonce), body, aad(version, aad));
    } finally {
      wipe(raw, xPrivateBytes, seed, xShared, mShared, ikm, prk, keyAndNonce);
    }
  }

  /**
   * The input keying material of HKDF-SHA256 (RFC 5869): ss_M | ss_X | ct_X | pk_X | ct_M |
   * SHA-256(pk_M), extracted with a label as salt: the X-Wing combiner's inputs plus the ML-KEM
   * ciphertext and key for good measure.
   */
  private static byte[] combinerInput(
      byte[] mShared, byte[] xShared, byte[] xCiphertext, RecipientKey recipient, byte[] mCt) {
    byte[] xPublic = recipient.x25519().getEncoded();
    byte[] mPublicHash = sha256(recipient.mlKem().getEncoded());
    return ByteBuffer.allocate(
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
  }

  /** Version 2's key and nonce for one item: HKDF-Expand with the item's salt in the info. */
  private static byte[] expand(byte[] prk, byte[] salt) {
    byte[] info = Arrays.copyOf(EXPAND_INFO_2, EXPAND_INFO_2.length + salt.length);
    System.arraycopy(salt, 0, info, EXPAND_INFO_2.length, salt.length);
    return expandWithInfo(prk, info);
  }

  private static byte[] expandWithInfo(byte[] prk, byte[] info) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[ChaCha20Poly1305.KEY_LENGTH + ChaCha20Poly1305.NONCE_LENGTH];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  private static byte[] key(byte[] keyAndNonce) {
    return Arrays.copyOf(keyAndNonce, ChaCha20Poly1305.KEY_LENGTH);
  }

  private static byte[] nonce(byte[] keyAndNonce) {
    return Arrays.copyOfRange(keyAndNonce, ChaCha20Poly1305.KEY_LENGTH, keyAndNonce.length);
  }

  private static byte[] aad(byte version, byte[] aad) {
    byte[] out = new byte[1 + aad.length];
    out[0] = version;
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

  /**
   * One encapsulation to one recipient (ADR 0152): seals any number of items, each under its own
   * key, until closed. Thread-safe; a seal after {@link #close} fails.
   */
  public static final class Encapsulation implements AutoCloseable {

    private final byte[] publicKey;
    private final byte[] header;
    private byte[] prk;

    private Encapsulation(byte[] publicKey, byte[] header, byte[] prk) {
      this.publicKey = publicKey;
      this.header = header;
      this.prk = prk;
    }

    /** Whether this encapsulation was made for {@code publicKey}. */
    public boolean isFor(byte[] publicKey) {
      return MessageDigest.isEqual(this.publicKey, publicKey);
    }

    /**
     * Seals {@code plaintext} under a key of its own.
     *
     * @throws IllegalStateException when this encapsulation was closed
     */
    public synchronized byte[] seal(byte[] plaintext, byte[] aad) {
      if (prk == null) {
        throw new IllegalStateException("the spool encapsulation was closed");
      }
      byte[] salt = Csprng.bytes(SALT_LENGTH);
      byte[] keyAndNonce = expand(prk, salt);
      try {
        byte[] sealed =
            ChaCha20Poly1305.seal(
                key(keyAndNonce), nonce(keyAndNonce), plaintext, aad(VERSION, aad));
        return ByteBuffer.allocate(header.length + SALT_LENGTH + sealed.length)
            .put(header)
            .put(salt)
            .put(sealed)
            .array();
      } finally {
        wipe(keyAndNonce);
      }
    }

    /** Wipes the secret (best effort, as with every key here: the JVM may have copied it). */
    @Override
    public synchronized void close() {
      wipe(prk);
      prk = null;
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
