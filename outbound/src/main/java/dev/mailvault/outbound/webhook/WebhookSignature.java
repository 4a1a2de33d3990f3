package dev.mailvault.outbound.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks (ADR 0245), in the style of Stripe's and GitHub's: {@value
 * #SIGNATURE_HEADER} is {@code sha256=} followed by the lower-case hex HMAC-SHA256 (RFC 2104) of
 * the ASCII decimal Unix time in {@value #TIMESTAMP_HEADER}, one full stop, and the request body as
 * sent, keyed with the target's secret. Signing the time stamp lets a receiver refuse a replayed
 * request; the body is signed as bytes, so a receiver must verify before it parses.
 */
public final class WebhookSignature {

  /** The request header with the signing time, in seconds since the Unix epoch. */
  public static final String TIMESTAMP_HEADER = "X-Mailvault-Timestamp";

  /** The request header with the signature. */
  public static final String SIGNATURE_HEADER = "X-Mailvault-Signature";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The value of {@value #SIGNATURE_HEADER} for {@code body} signed at {@code timestamp}. */
  public static String sign(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      mac.update(body);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      // Every Java platform has HmacSHA256, and any key length is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
