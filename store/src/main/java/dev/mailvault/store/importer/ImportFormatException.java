package dev.mailvault.store.importer;

import dev.mailvault.core.error.MailvaultException;

/** Input that is not in the format the import was told to read. */
public final class ImportFormatException extends MailvaultException {

  public ImportFormatException(String message) {
    super(message);
  }
}
