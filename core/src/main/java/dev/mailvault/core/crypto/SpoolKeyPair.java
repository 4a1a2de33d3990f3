package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * An alias's spool key pair: X25519 plus ML-KEM-768 (FIPS 203), used by {@link SpoolSealer}.
 *
 * <p>Public key, version 1: {@code 0x01 | X25519 public (32) | ML-KEM-768 encapsulation key
 * (1184)}. Private key, version 1: {@code 0x01 | X25519 private (32) | ML-KEM-768 seed d||z (64)}
 * (FIPS 203 §7.1 allows storing the seed and re-deriving the key). The private key is meant to be
 * stored wrapped under the vault data key ({@link WrapPurpose#SPOOL_PRIVATE_KEY}).
 */
public final class SpoolKeyPair implements AutoCloseable {

  static final byte VERSION = 1;
  static final MLKEMParameters ML_KEM = MLKEMParameters.ml_kem_768;
  static final int X25519_LENGTH = 32;
  static final int ML_KEM_PUBLIC_LENGTH = 1184;
  static final int ML_KEM_SEED_LENGTH = 64;
  static final int PUBLIC_LENGTH = 1 + X25519_LENGTH + ML_KEM_PUBLIC_LENGTH;
  static final int PRIVATE_LENGTH = 1 + X25519_LENGTH + ML_KEM_SEED_LENGTH;

  private final byte[] publicKey;
  private final SecretBytes privateKey;

  private SpoolKeyPair(byte[] publicKey, SecretBytes privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** A fresh key pair from the CSPRNG. */
  public static SpoolKeyPair generate() {
    X25519KeyPairGenerator x = new X25519KeyPairGenerator();
    x.init(new X25519KeyGenerationParameters(Csprng.RANDOM));
    AsymmetricCipherKeyPair classic = x.generateKeyPair();
    MLKEMKeyPairGenerator m = new MLKEMKeyPairGenerator();
    m.init(new MLKEMKeyGenerationParameters(Csprng.RANDOM, ML_KEM));
    AsymmetricCipherKeyPair pq = m.generateKeyPair();

    byte[] xPublic = ((X25519PublicKeyParameters) classic.getPublic()).getEncoded();
    byte[] xPrivate = ((X25519PrivateKeyParameters) classic.getPrivate()).getEncoded();
    byte[] mPublic = ((MLKEMPublicKeyParameters) pq.getPublic()).getEncoded();
    byte[] mSeed = ((MLKEMPrivateKeyParameters) pq.getPrivate()).getSeed();
    try {
      byte[] publicKey =
          ByteBuffer.allocate(PUBLIC_LENGTH).put(VERSION).put(xPublic).put(mPublic).array();
      byte[] privateKey =
          ByteBuffer.allocate(PRIVATE_LENGTH).put(VERSION).put(xPrivate).put(mSeed).array();
      return new SpoolKeyPair(publicKey, SecretBytes.adopt(privateKey));
    } finally {
      Arrays.fill(xPrivate, (byte) 0);
      Arrays.fill(mSeed, (byte) 0);
    }
  }

  /** The serialized public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The serialized private key; owned by this pair, destroyed by {@link #close()}. */
  public SecretBytes privateKey() {
    return privateKey;
  }

  @Override
  public void close() {
    privateKey.destroy();
  }

  @Override
  public String toString() {
    return "SpoolKeyPair[public " + publicKey.length + " bytes, private " + privateKey + "]";
  }
}
