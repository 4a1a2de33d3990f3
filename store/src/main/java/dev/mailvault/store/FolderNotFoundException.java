package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** No folder has that name (IMAP answers NONEXISTENT, or TRYCREATE for APPEND and COPY). */
public final class FolderNotFoundException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public FolderNotFoundException(String folder) {
    super("no folder " + folder);
  }
}
