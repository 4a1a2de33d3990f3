package dev.mailvault.cluster.rpc;

import dev.mailvault.core.error.MailvaultException;

/**
 * The peer's service refused a request: {@link #kind()} says how (the remote layer maps it back to
 * the exception the local implementation would have thrown), the message is one line without
 * secrets.
 */
public class RpcRemoteException extends MailvaultException {

  /** The kind of a failure the service did not describe: nothing of its cause crosses the wire. */
  public static final String INTERNAL = "internal";

  private final String kind;

  public RpcRemoteException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
