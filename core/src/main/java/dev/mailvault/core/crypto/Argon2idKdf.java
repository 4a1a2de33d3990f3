package dev.mailvault.core.crypto;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id, RFC 9106, version 0x13. Logins derive through password4j, which computes the same tags
 * as Bouncy Castle's generator in about half the time on this machine (ADR 0120); Bouncy Castle's
 * remains for the full RFC 9106 §3.1 input set (secret and associated data), which password4j does
 * not take and no login uses.
 */
final class Argon2idKdf implements PasswordKdf {

  static final Argon2idKdf INSTANCE = new Argon2idKdf();

  private Argon2idKdf() {}

  @Override
  public SecretBytes derive(byte[] password, byte[] salt, Argon2Params params) {
    checkSalt(salt);
    Argon2Function function =
        Argon2Function.getInstance(
            params.memoryKiB(),
            params.iterations(),
            params.parallelism(),
            KEY_LENGTH,
            Argon2.ID,
            Argon2Params.VERSION);
    return SecretBytes.adopt(function.hash(password, salt).getBytes());
  }

  /** The full RFC 9106 §3.1 input set, so the §5.3 test vector can be checked. */
  static byte[] derive(
      byte[] password,
      byte[] salt,
      Argon2Params params,
      byte[] secret,
      byte[] associatedData,
      int tagLength) {
    checkSalt(salt);
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

  // RFC 9106 §3.1: the salt must be at least 8 bytes.
  private static void checkSalt(byte[] salt) {
    if (salt.length < 8) {
      throw new IllegalArgumentException("Argon2 salt must be at least 8 bytes");
    }
  }
}
