package dev.mailvault.server.config;

import dev.mailvault.core.error.MailvaultException;

/** A setting that cannot be used: a bad value, an unreadable file. */
public final class ConfigException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
