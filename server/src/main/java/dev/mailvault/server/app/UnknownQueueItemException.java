package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/** No message with this id is in the outbound queue. */
public final class UnknownQueueItemException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private static final String PREFIX = "no queue item ";

  public UnknownQueueItemException(String id) {
    super(PREFIX + id);
  }

  /** The refusal as another node worded it (ADR 0286). */
  public static UnknownQueueItemException fromMessage(String message) {
    return new UnknownQueueItemException(
        message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message);
  }
}
