package dev.mailvault.server.admin;

import dev.mailvault.core.error.MailvaultException;

/**
 * A failure the admin channel reports with a machine-readable code beside the one-line message, so
 * the client can react (ask for a password and try again) instead of only printing it.
 */
public final class AdminException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  /** The vault is not open in the server: send the alias password with the request. */
  public static final String PASSWORD_REQUIRED = "password-required";

  private final String code;

  public AdminException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
