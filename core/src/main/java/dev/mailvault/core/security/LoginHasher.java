package dev.mailvault.core.security;

import dev.mailvault.core.auth.LoginName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names a login in the security log without saying it (ADR 0172): HMAC-SHA256 of the canonical
 * login under a key of this server, cut to 64 bits (16 hex digits). The same login always gets the
 * same name on one server, so an operator can follow one account's attack, but a reader of the log
 * cannot test guesses of addresses against it without the key.
 */
public final class LoginHasher {

  static final int KEY_BYTES = 32;

  /** 8 bytes: enough that two logins seen together practically never share a name. */
  static final int NAME_BYTES = 8;

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;

  private LoginHasher(byte[] key) {
    this.key = new SecretKeySpec(key, HMAC);
    Arrays.fill(key, (byte) 0);
  }

  /** A key for this process only: names change at each start (tests, or no data directory). */
  public static LoginHasher withRandomKey() {
    return new LoginHasher(randomKey());
  }

  /**
   * The key in {@code file}, created (mode 0600, readable by the server's user alone) with a fresh
   * random key when it does not exist yet.
   */
  public static LoginHasher openOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = randomKey();
      try (SeekableByteChannel out =
          Files.newByteChannel(
              file,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        out.write(ByteBuffer.wrap(fresh));
      } catch (FileAlreadyExistsException raced) {
        // Another process created it first: use theirs.
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != KEY_BYTES) {
      Arrays.fill(key, (byte) 0);
      throw new IOException(file + " must hold exactly " + KEY_BYTES + " bytes");
    }
    return new LoginHasher(key);
  }

  /** 16 lower-case hex digits naming {@link LoginName#canonical canonical} {@code login}. */
  public String name(String login) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      byte[] digest = mac.doFinal(LoginName.canonical(login).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, NAME_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
