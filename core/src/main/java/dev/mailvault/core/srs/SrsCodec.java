package dev.mailvault.core.srs;

import dev.mailvault.core.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rewrites and reverses SRS addresses as Shevek's reference implementation does (Mail::SRS's
 * "Guarded" scheme, which libsrs2 follows), so addresses interoperate with other forwarders (ADR
 * 0241):
 *
 * <pre>
 * SRS0=HHHH=TT=orig-domain=orig-local@forwarder            a first forward
 * SRS1=HHHH=first-forwarder==HHHH=TT=orig-domain=orig-local@forwarder   a forward of an SRS0
 * </pre>
 *
 * HHHH is the first {@value #HASH_LENGTH} characters of the base64 HMAC-SHA1 of the lower-cased
 * fields under the key (SRS0: timestamp, domain, local part; SRS1: first forwarder, rest); TT is
 * the day number modulo 1024 in two base32 characters. A hash is checked exactly first, then
 * case-insensitively, since MTAs on the way may fold the case of a local part. Thread-safe.
 */
public final class SrsCodec {

  /** Characters of the hash kept in an address (Mail::SRS's and libsrs2's default). */
  public static final int HASH_LENGTH = 4;

  private static final String SRS0 = "SRS0";
  private static final String SRS1 = "SRS1";
  private static final char SEPARATOR = '=';
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final long DAY_SECONDS = 86_400;
  private static final int TICK_SLOTS = 1024;

  private final byte[] key;
  private final Clock clock;
  private final int maxAgeDays;

  /**
   * @param key the HMAC key; copied, so the caller may destroy its own
   * @param maxAgeDays how many days an SRS0 address stays valid (below 1024)
   */
  public SrsCodec(SecretBytes key, Clock clock, int maxAgeDays) {
    this.key = key.bytes();
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAgeDays < 1 || maxAgeDays >= TICK_SLOTS) {
      throw new IllegalArgumentException("the maximum age is 1 to 1023 days");
    }
    this.maxAgeDays = maxAgeDays;
  }

  /** Whether a local part has the form of an SRS address (SRS0 or SRS1, any case). */
  public static boolean isSrs(String localPart) {
    return tagged(localPart, SRS0) || tagged(localPart, SRS1);
  }

  /**
   * The reverse-path a message from {@code sender} gets when forwarded by {@code forwarderDomain}.
   * An SRS0 sender becomes SRS1 (naming the forwarder before us); an SRS1 sender keeps its first
   * forwarder and gets our hash. The null sender is never rewritten: the caller keeps {@code <>}.
   *
   * @param sender an address with an {@code @}
   */
  public String forward(String sender, String forwarderDomain) {
    int at = sender.lastIndexOf('@');
    if (at <= 0 || at == sender.length() - 1) {
      throw new IllegalArgumentException("a sender to rewrite is local@domain");
    }
    String user = sender.substring(0, at);
    String host = sender.substring(at + 1);
    String local;
    if (tagged(user, SRS1)) {
      // Mail::SRS::Guarded: an SRS1 passing through keeps its first forwarder and its SRS0 part.
      String[] fields = user.substring(SRS1.length() + 1).split(String.valueOf(SEPARATOR), 3);
      if (fields.length < 3) {
        local = srs0(host, user);
      } else {
        local = srs1(fields[1], fields[2]);
      }
    } else if (tagged(user, SRS0)) {
      // The part after "SRS0" keeps its separator: SRS1=HHHH=host==HHHH=TT=domain=local.
      local = srs1(host, user.substring(SRS0.length()));
    } else {
      local = srs0(host, user);
    }
    return local + "@" + forwarderDomain;
  }

  /**
   * The address an SRS address of ours stands for: the original sender for SRS0, the previous
   * forwarder's SRS0 address for SRS1.
   *
   * @param localPart the local part of an address at one of our domains
   * @throws InvalidSrsAddressException when it is not SRS, lacks a field, fails its hash, or is
   *     older than the maximum age
   */
  public String reverse(String localPart) throws InvalidSrsAddressException {
    if (tagged(localPart, SRS1)) {
      String[] fields = localPart.substring(SRS1.length() + 1).split(String.valueOf(SEPARATOR), 3);
      if (fields.length < 3 || fields[1].isEmpty() || fields[2].length() < 2) {
        throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.MALFORMED);
      }
      verify(fields[0], fields[1], fields[2]);
      return SRS0 + fields[2] + "@" + fields[1];
    }
    if (tagged(localPart, SRS0)) {
      String[] fields = localPart.substring(SRS0.length() + 1).split(String.valueOf(SEPARATOR), 4);
      if (fields.length < 4 || fields[2].isEmpty() || fields[3].isEmpty()) {
        throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.MALFORMED);
      }
      checkTimestamp(fields[1]);
      verify(fields[0], fields[1], fields[2], fields[3]);
      return fields[3] + "@" + fields[2];
    }
    throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.NOT_SRS);
  }

  private String srs0(String host, String user) {
    String stamp = timestamp(today());
    return SRS0 + SEPARATOR + join(hash(stamp, host, user), stamp, host, user);
  }

  private String srs1(String firstHost, String rest) {
    return SRS1 + SEPARATOR + join(hash(firstHost, rest), firstHost, rest);
  }

  private static String join(String... fields) {
    return String.join(String.valueOf(SEPARATOR), fields);
  }

  private long today() {
    return Math.floorDiv(clock.instant().getEpochSecond(), DAY_SECONDS);
  }

  /** Two base32 characters of the day number's low ten bits. */
  static String timestamp(long day) {
    return new String(
        new char[] {BASE32.charAt((int) (day >> 5) & 31), BASE32.charAt((int) day & 31)});
  }

  private void checkTimestamp(String stamp) throws InvalidSrsAddressException {
    if (stamp.length() != 2) {
      throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.MALFORMED);
    }
    int then = 0;
    for (char c : stamp.toUpperCase(Locale.ROOT).toCharArray()) {
      int value = BASE32.indexOf(c);
      if (value < 0) {
        throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.MALFORMED);
      }
      then = then * 32 + value;
    }
    // Mail::SRS timestamp_check: the stamp wraps every 1024 days.
    long now = Math.floorMod(today(), TICK_SLOTS);
    while (now < then) {
      now += TICK_SLOTS;
    }
    if (now - then > maxAgeDays) {
      throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.EXPIRED);
    }
  }

  private void verify(String given, String... fields) throws InvalidSrsAddressException {
    String valid = hash(fields);
    if (given.length() < HASH_LENGTH
        || !(MessageDigest.isEqual(ascii(given), ascii(valid))
            || MessageDigest.isEqual(
                ascii(given.toLowerCase(Locale.ROOT)), ascii(valid.toLowerCase(Locale.ROOT))))) {
      throw new InvalidSrsAddressException(InvalidSrsAddressException.Reason.BAD_HASH);
    }
  }

  /** The first {@value #HASH_LENGTH} base64 characters of HMAC-SHA1 over the lower-cased fields. */
  String hash(String... fields) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      for (String field : fields) {
        mac.update(field.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      }
      return Base64.getEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal())
          .substring(0, HASH_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  private static boolean tagged(String localPart, String tag) {
    return localPart.length() > tag.length() + 1
        && localPart.regionMatches(true, 0, tag, 0, tag.length())
        && "=+-".indexOf(localPart.charAt(tag.length())) >= 0;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SrsCodec[max age " + maxAgeDays + " days]";
  }
}
