package dev.mailvault.core.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id, RFC 9106, version 0x13, through Bouncy Castle's generator. */
final class Argon2idKdf implements PasswordKdf {

  static final Argon2idKdf INSTANCE = new Argon2idKdf();

  private Argon2idKdf() {}

  @Override
  public SecretBytes derive(byte[] password, byte[] salt, Argon2Params params) {
    return SecretBytes.adopt(derive(password, salt, params, null, null, KEY_LENGTH));
  }

  /** The full RFC 9106 §3.1 input set, so the §5.3 test vector can be checked. */
  static byte[] derive(
      byte[] password,
      byte[] salt,
      Argon2Params params,
      byte[] secret,
      byte[] associatedData,
      int tagLength) {
    // RFC 9106 §3.1: the salt must be at least 8 bytes.
    if (salt.length < 8) {
      throw new IllegalArgumentException("Argon2 salt must be at least 8 bytes");
    }
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt);
    if (secret != null) {
      builder.withSecret(secret);
    }
    if (associatedData != null) {
      builder.withAdditional(associatedData);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    byte[] out = new byte[tagLength];
    generator.generateBytes(password, out);
    return out;
  }
}
