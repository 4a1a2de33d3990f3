package dev.mailvault.core.auth;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps make them:
 * HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch. A code is accepted one step either side
 * of now for clock drift, and the caller keeps the last accepted step so a code is never accepted
 * twice (RFC 6238 §5.2).
 */
public final class Totp {

  /** RFC 6238 §5.2: 30 seconds is the recommended step. */
  public static final long STEP_SECONDS = 30;

  public static final int DIGITS = 6;

  /** 160-bit secrets, as RFC 4226 §4 recommends for HMAC-SHA1. */
  public static final int SECRET_BYTES = 20;

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {}

  /** A new random secret. */
  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /** The time step an instant falls in (RFC 6238 §4.2: T = floor(unix time / X)). */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of one time step, zero-padded to six digits. */
  public static String code(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      // RFC 4226 §5.3: dynamic truncation.
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      int otp = binary % 1_000_000;
      return String.format("%06d", otp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is always available", e);
    }
  }

  /**
   * The step a code matches, one step either side of {@code now}, and only if it is later than
   * {@code lastUsedStep}; empty when the code is wrong, malformed or already used.
   */
  public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
    if (code == null) {
      return OptionalLong.empty();
    }
    String digits = code.replace(" ", "");
    if (!digits.matches("\\d{6}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong matched = OptionalLong.empty();
    // Every candidate is computed and compared in constant time, whichever matches.
    for (long s = current - 1; s <= current + 1; s++) {
      boolean equal =
          MessageDigest.isEqual(
              code(secret, s).getBytes(StandardCharsets.US_ASCII),
              digits.getBytes(StandardCharsets.US_ASCII));
      if (equal && s > lastUsedStep && matched.isEmpty()) {
        matched = OptionalLong.of(s);
      }
    }
    return matched;
  }

  /** RFC 4648 §6 base32 without padding, as authenticator apps take secrets. */
  public static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * The {@code otpauth://} URI an authenticator app reads from a QR code (Google Authenticator's
   * Key Uri Format): issuer and account name, the base32 secret, SHA1, 6 digits, 30 seconds.
   */
  public static String uri(String issuer, String account, byte[] secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + base32(secret)
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP_SECONDS;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
