package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/**
 * A folder with that name exists already (IMAP ALREADYEXISTS). The message does not repeat the
 * name, so it can be logged; {@link #folder()} has it.
 */
public final class FolderExistsException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private final String folder;

  public FolderExistsException(String folder) {
    super("a folder with that name exists already");
    this.folder = folder;
  }

  /** The name that exists, in canonical form. */
  public String folder() {
    return folder;
  }
}
