package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/**
 * A folder operation the rules forbid, such as deleting INBOX (IMAP CANNOT). The message says why
 * without naming the folder, so it can be logged.
 */
public final class FolderOperationRefusedException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public FolderOperationRefusedException(String reason) {
    super(reason);
  }
}
