package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** A folder operation that the rules forbid, such as deleting INBOX (IMAP CANNOT). */
public final class FolderOperationRefusedException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public FolderOperationRefusedException(String reason) {
    super(reason);
  }
}
