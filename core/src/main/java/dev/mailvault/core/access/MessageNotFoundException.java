package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/** No message with that UID is in the folder (it may have been expunged meanwhile). */
public final class MessageNotFoundException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private final long uid;

  public MessageNotFoundException(long uid) {
    super("no message with UID " + uid + " in the folder");
    this.uid = uid;
  }

  public long uid() {
    return uid;
  }
}
