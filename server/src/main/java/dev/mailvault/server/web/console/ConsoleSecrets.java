package dev.mailvault.server.web.console;

import dev.mailvault.core.crypto.SealedData;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.server.OutboundKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the console keeps of an admin's second factor, made safe to store (ADR 0263): the TOTP
 * secret sealed with ChaCha20-Poly1305 and recovery codes reduced to HMAC-SHA256 digests, both
 * under keys derived from {@link OutboundKeys#consoleKey()}, so a copy of the directory file alone
 * opens no secret and tests no guessed code. Keys are derived per use and wiped after it.
 */
final class ConsoleSecrets {

  /** Recovery codes: 16 base32 characters, 80 bits, shown in groups of four. */
  static final int RECOVERY_CODE_CHARS = 16;

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OutboundKeys keys;

  ConsoleSecrets(OutboundKeys keys) {
    this.keys = keys;
  }

  /** The secret sealed for the directory, bound to its admin. */
  byte[] seal(String admin, byte[] totpSecret) {
    try (SecretBytes key = subKey("totp-seal")) {
      return SealedData.seal(key, totpSecret, binding(admin));
    }
  }

  /** The secret, or empty when it does not open (another node's key, or altered bytes). */
  Optional<byte[]> open(String admin, byte[] sealed) {
    try (SecretBytes key = subKey("totp-seal")) {
      return Optional.of(SealedData.open(key, sealed, binding(admin)));
    } catch (UnwrapException e) {
      return Optional.empty();
    }
  }

  /** Ten fresh recovery codes, as shown to the admin ({@code ABCD-EFGH-IJKL-MNOP}). */
  static List<String> newRecoveryCodes(int count) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder code = new StringBuilder();
      for (int c = 0; c < RECOVERY_CODE_CHARS; c++) {
        if (c > 0 && c % 4 == 0) {
          code.append('-');
        }
        code.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /**
   * A recovery code as typed, without spaces and dashes, upper-cased; empty when it cannot be one.
   */
  static Optional<String> normalizeRecoveryCode(String typed) {
    if (typed.length() > 64) {
      return Optional.empty();
    }
    String plain = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (plain.length() != RECOVERY_CODE_CHARS) {
      return Optional.empty();
    }
    for (int i = 0; i < plain.length(); i++) {
      if (BASE32.indexOf(plain.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(plain);
  }

  /** The digest stored for a (normalized) recovery code of this admin. */
  byte[] digest(String admin, String normalizedCode) {
    try (SecretBytes key = subKey("recovery-code")) {
      return key.apply(k -> hmac(k, admin + ":" + normalizedCode));
    }
  }

  private SecretBytes subKey(String purpose) {
    try (SecretBytes console = keys.consoleKey()) {
      byte[] derived = console.apply(k -> hmac(k, purpose));
      try {
        return SecretBytes.copyOf(derived);
      } finally {
        Arrays.fill(derived, (byte) 0);
      }
    }
  }

  private static byte[] binding(String admin) {
    return ("mailvault:admin-totp:v1:" + admin).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
