package dev.mailvault.store.export;

import dev.mailvault.core.error.MailvaultException;

/** An export the user asked for cannot be written (the file exists, the directory is missing). */
public final class ExportException extends MailvaultException {

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
