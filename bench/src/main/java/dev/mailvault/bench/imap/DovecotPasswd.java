package dev.mailvault.bench.imap;

import dev.mailvault.core.crypto.Argon2Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Writes a Dovecot passwd-file for the load users whose hashes are Argon2id with Mailvault's own
 * parameters ({@link Argon2Params#DEFAULT}), so a login costs both servers the same derivation:
 *
 * <pre>
 * DovecotPasswd --users N [--first-user 0] [--user-pattern P] [--password PW]
 *               [--scheme ARGON2ID|SSHA256] --out FILE
 * </pre>
 *
 * Dovecot's {@code ARGON2ID} scheme verifies libsodium's encoded form, which carries m, t and p.
 * {@code SSHA256} (one salted SHA-256) is the cheap scheme, for the runs that measure Dovecot
 * without the cost of a slow hash per login; still no plaintext password in the file.
 */
public final class DovecotPasswd {

  private DovecotPasswd() {}

  public static void main(String[] args) throws IOException {
    LoadOptions options =
        LoadOptions.parse(
            args, List.of("users", "first-user", "user-pattern", "password", "scheme", "out"));
    String scheme = options.text("scheme", "ARGON2ID");
    if (!scheme.equals("ARGON2ID") && !scheme.equals("SSHA256")) {
      throw new IllegalArgumentException("--scheme ARGON2ID or SSHA256, not " + scheme);
    }
    int first = options.integer("first-user", 0);
    Argon2Params params = Argon2Params.DEFAULT;
    SecureRandom random = new SecureRandom();
    StringBuilder file = new StringBuilder();
    for (int i = first; i < first + options.integer("users", 20); i++) {
      byte[] salt = new byte[16];
      random.nextBytes(salt);
      String hash =
          scheme.equals("ARGON2ID")
              ? encoded(options.password(), salt, params)
              : ssha256(options.password(), salt);
      file.append(options.user(i))
          .append(":{")
          .append(scheme)
          .append('}')
          .append(hash)
          .append("::::::\n");
    }
    Files.writeString(Path.of(options.text("out", "users")), file, StandardCharsets.UTF_8);
  }

  /** Dovecot's SSHA256: base64 of SHA-256(password || salt) followed by the salt. */
  private static String ssha256(String password, byte[] salt) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    sha.update(password.getBytes(StandardCharsets.UTF_8));
    sha.update(salt);
    byte[] digest = sha.digest();
    byte[] both = Arrays.copyOf(digest, digest.length + salt.length);
    System.arraycopy(salt, 0, both, digest.length, salt.length);
    return Base64.getEncoder().encodeToString(both);
  }

  /** The PHC string form libsodium reads: {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}. */
  private static String encoded(String password, byte[] salt, Argon2Params params) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build());
    byte[] hash = new byte[32];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + params.memoryKiB()
        + ",t="
        + params.iterations()
        + ",p="
        + params.parallelism()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }
}
