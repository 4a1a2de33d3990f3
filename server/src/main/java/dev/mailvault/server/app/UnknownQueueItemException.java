package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/** No message with this id is in the outbound queue. */
public final class UnknownQueueItemException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public UnknownQueueItemException(String id) {
    super("no queue item " + id);
  }
}
