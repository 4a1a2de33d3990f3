package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** No message with that UID is in the folder (it may have been expunged). */
public final class MessageNotFoundException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public MessageNotFoundException(String folder, long uid) {
    super("no message " + uid + " in " + folder);
  }
}
