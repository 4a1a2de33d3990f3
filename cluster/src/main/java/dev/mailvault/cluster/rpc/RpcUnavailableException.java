package dev.mailvault.cluster.rpc;

import dev.mailvault.core.error.MailvaultException;

/**
 * The peer cannot be reached now (connection down, reconnecting, or the deadline passed): a
 * temporary failure that protocols answer with {@code NO [UNAVAILABLE]} or {@code 451 4.3.0}.
 */
public class RpcUnavailableException extends MailvaultException {

  public RpcUnavailableException(String message) {
    super(message);
  }
}
