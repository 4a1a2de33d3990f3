package dev.mailvault.core.auth;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import java.util.Locale;

/** The one form of a login that counts and hashes use, so spelling games cannot split a count. */
public final class LoginName {

  private LoginName() {}

  /**
   * The canonical address ({@link EmailAddress#canonical()}: {@code "a"@X} and {@code A@x} are both
   * {@code a@x}, ADR 0022); a login that is not an address is lower-cased as it stands.
   */
  public static String canonical(String login) {
    if (login == null) {
      return "";
    }
    try {
      return EmailAddress.parse(login).canonical();
    } catch (InvalidAddressException e) {
      return login.toLowerCase(Locale.ROOT);
    }
  }
}
