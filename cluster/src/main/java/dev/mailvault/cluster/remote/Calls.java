package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.error.MailvaultException;
import java.util.concurrent.ExecutionException;

/**
 * Waits for one call's answer. The channel bounds the wait (its deadline fails the call with {@link
 * RpcUnavailableException}), so no second timer is kept here.
 */
final class Calls {

  /** The names of the methods a primary serves. */
  static final String OPEN = "mail.open";

  static final String DELIVER = "delivery.deliver";
  static final String SUBMIT = "outbox.submit";
  static final String PREPARE = "outbox.prepare";
  static final String SUBMIT_AS_IS = "outbox.as-is.submit";
  static final String PREPARE_AS_IS = "outbox.as-is.prepare";
  static final String COMMIT = "outbox.commit";
  static final String ABANDON = "outbox.abandon";

  /** A {@link PrimaryOperations} request about one vault: refused unless the primary owns it. */
  static final String OPS_VAULT = "ops.vault";

  /** A {@link PrimaryOperations} request about the primary itself (its queue, its open vaults). */
  static final String OPS_NODE = "ops.node";

  /** Calls on an open handle: "mbx." and the MailboxAccess method. */
  static final String MAILBOX = "mbx.";

  /** The push stream of a handle's events. */
  static String eventStream(long handle) {
    return "vault-events/" + handle;
  }

  private Calls() {}

  /**
   * The answer's payload.
   *
   * @throws RpcRemoteException as the primary refused (the caller maps it)
   * @throws RpcUnavailableException when the primary could not be reached or did not answer
   */
  static byte[] call(RpcChannel channel, String method, byte[] payload) throws MailvaultException {
    try {
      return channel.call(method, payload).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcUnavailableException("interrupted while waiting for the primary");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MailvaultException failure) {
        throw failure;
      }
      throw new RpcUnavailableException("the primary did not answer");
    } catch (RuntimeException e) {
      throw new RpcUnavailableException("the primary could not be called");
    }
  }
}
