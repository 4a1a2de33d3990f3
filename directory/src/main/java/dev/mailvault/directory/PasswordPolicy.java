package dev.mailvault.directory;

/**
 * What the directory accepts as an alias password chosen by a person (e.g. from {@code
 * --password-stdin}); generated passwords always pass.
 */
public final class PasswordPolicy {

  /** The floor for passwords set by hand. */
  public static final int MIN_LENGTH = 12;

  /** A ceiling so a pasted file cannot become a password by accident. */
  public static final int MAX_LENGTH = 1024;

  private PasswordPolicy() {}

  /**
   * Checks a password's length in Unicode code points, and that it has no control characters (a
   * newline left over from {@code --password-stdin} could never be typed in a mail client's
   * password field, nor sent in IMAP LOGIN). Never echoes the password.
   */
  public static void check(char[] password) throws WeakPasswordException {
    for (char c : password) {
      if (Character.isISOControl(c)) {
        throw new WeakPasswordException(
            "the password contains a control character (a stray newline?)");
      }
    }
    int length = Character.codePointCount(password, 0, password.length);
    if (length < MIN_LENGTH) {
      throw new WeakPasswordException(
          "the password is too short: it needs at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      throw new WeakPasswordException(
          "the password is too long: at most " + MAX_LENGTH + " characters");
    }
  }
}
