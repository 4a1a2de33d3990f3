package dev.mailvault.bench.imap;

import dev.mailvault.core.crypto.Argon2Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Writes a Dovecot passwd-file for the load users whose hashes are Argon2id with Mailvault's own
 * parameters ({@link Argon2Params#DEFAULT}), so a login costs both servers the same derivation:
 *
 * <pre>DovecotPasswd --users N [--user-pattern P] [--password PW] --out FILE</pre>
 *
 * Dovecot's {@code ARGON2ID} scheme verifies libsodium's encoded form, which carries m, t and p.
 */
public final class DovecotPasswd {

  private DovecotPasswd() {}

  public static void main(String[] args) throws IOException {
    LoadOptions options =
        LoadOptions.parse(args, List.of("users", "user-pattern", "password", "out"));
    Argon2Params params = Argon2Params.DEFAULT;
    SecureRandom random = new SecureRandom();
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < options.integer("users", 20); i++) {
      byte[] salt = new byte[16];
      random.nextBytes(salt);
      file.append(options.user(i))
          .append(":{ARGON2ID}")
          .append(encoded(options.password(), salt, params))
          .append("::::::\n");
    }
    Files.writeString(Path.of(options.text("out", "users")), file, StandardCharsets.UTF_8);
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
