package dev.mailvault.directory;

import dev.mailvault.core.crypto.RandomIds;
import java.util.Arrays;

/**
 * The shape of an app-specific password (ADR 0266): 20 symbols of Crockford's base32 alphabet (100
 * random bits), shown lower-case in four groups of five for typing. A login accepts it with or
 * without the dashes and spaces, in either case, and with the look-alikes o/i/l for 0/1/1.
 */
public final class AppPasswords {

  /** Random symbols in one app password. */
  public static final int SYMBOLS = 20;

  private static final int GROUP = 5;
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

  /** At most this many characters are looked at; anything longer is no app password. */
  private static final int MAX_TYPED = 64;

  private AppPasswords() {}

  /** A new app password, grouped ({@code abcde-fghjk-mnpqr-stvwx}); the caller zeroes it. */
  public static char[] generate() {
    byte[] random = RandomIds.bytes(SYMBOLS);
    char[] out = new char[SYMBOLS + SYMBOLS / GROUP - 1];
    int j = 0;
    for (int i = 0; i < SYMBOLS; i++) {
      if (i > 0 && i % GROUP == 0) {
        out[j++] = '-';
      }
      // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
      out[j++] = ALPHABET[random[i] & 0x1f];
    }
    Arrays.fill(random, (byte) 0);
    return out;
  }

  /**
   * The 20 canonical symbols of what a client typed, or null when it is not shaped like an app
   * password (so a main password goes straight to Argon2id). The caller zeroes the result.
   */
  public static char[] normalise(char[] typed) {
    if (typed == null || typed.length > MAX_TYPED) {
      return null;
    }
    char[] out = new char[SYMBOLS];
    int n = 0;
    for (char c : typed) {
      if (c == '-' || c == ' ') {
        continue;
      }
      char s = canonical(c);
      if (s == 0 || n == SYMBOLS) {
        Arrays.fill(out, '\0');
        return null;
      }
      out[n++] = s;
    }
    if (n != SYMBOLS) {
      Arrays.fill(out, '\0');
      return null;
    }
    return out;
  }

  private static char canonical(char c) {
    char lower = Character.toLowerCase(c);
    if (lower == 'o') {
      return '0';
    }
    if (lower == 'i' || lower == 'l') {
      return '1';
    }
    if ((lower >= '0' && lower <= '9') || (lower >= 'a' && lower <= 'z' && lower != 'u')) {
      return lower;
    }
    return 0;
  }
}
