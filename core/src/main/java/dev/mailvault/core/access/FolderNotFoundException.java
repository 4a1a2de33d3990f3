package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/**
 * No folder has that name (IMAP answers NONEXISTENT, or TRYCREATE for APPEND and COPY). The message
 * does not repeat the name, so it can be logged; {@link #folder()} has it.
 */
public final class FolderNotFoundException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private final String folder;

  public FolderNotFoundException(String folder) {
    super("no such folder");
    this.folder = folder;
  }

  /** The name asked for, in canonical form. */
  public String folder() {
    return folder;
  }
}
