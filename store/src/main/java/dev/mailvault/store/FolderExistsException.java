package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** A folder with that name exists already (IMAP ALREADYEXISTS). */
public final class FolderExistsException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public FolderExistsException(String folder) {
    super("folder " + folder + " exists already");
  }
}
