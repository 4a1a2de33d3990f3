package dev.mailvault.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An admin's name: 1 to 64 of letters, digits, '.', '_' and '-', starting with a letter or digit,
 * compared case-insensitively (stored lower-case). Plain ASCII, so a name cannot be spoofed with a
 * look-alike character and is safe in a log line and a URL.
 */
public final class AdminName {

  public static final int MAX_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private AdminName() {}

  /**
   * The canonical (lower-case) form.
   *
   * @throws InvalidAdminNameException when the name breaks the rules above
   */
  public static String canonical(String name) throws InvalidAdminNameException {
    if (name == null || name.length() > MAX_LENGTH) {
      throw new InvalidAdminNameException();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!VALID.matcher(lower).matches()) {
      throw new InvalidAdminNameException();
    }
    return lower;
  }

  /** Whether {@link #canonical} would accept the name. */
  public static boolean valid(String name) {
    try {
      canonical(name);
      return true;
    } catch (InvalidAdminNameException e) {
      return false;
    }
  }
}
