package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.cluster.remote.RemoteOperations;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.admin.AdminAnswers;
import dev.mailvault.server.admin.AdminCalls;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.admin.AdminFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A front-end's way to the primaries' admin operations over the cluster's RPC (ADR 0286): the ones
 * about a vault run on its owner, the ones about a primary's own state (its queue) on each live
 * primary. A primary's refusal arrives as the exception it threw there, so the web features answer
 * it as they do on a node with every role. Progress lines stay on the primary.
 */
public final class ClusterAdmin {

  private final RemoteOperations remote;

  ClusterAdmin(RemoteOperations remote) {
    this.remote = remote;
  }

  /** The admin operations of the primary that owns {@code vaultId}. */
  public AdminCalls onOwnerOf(String vaultId) {
    return (op, args, progress) -> result(remote.onOwner(vaultId, request(op, args)));
  }

  /** Runs {@code op} on every live primary; one result per primary. */
  public List<JsonNode> onEachPrimary(String op, Map<String, ?> args) throws MailvaultException {
    List<JsonNode> results = new ArrayList<>();
    for (byte[] answer : remote.onEachPrimary(request(op, args))) {
      results.add(result(answer));
    }
    return results;
  }

  /**
   * Runs {@code op} on every live primary for something only one of them holds (a queue item): the
   * result of the one that holds it, or empty when each refused with {@code notHere} ("not mine").
   * Any other refusal is thrown as it came.
   */
  public Optional<JsonNode> onThePrimaryThatHolds(
      String op, Map<String, ?> args, Class<? extends MailvaultException> notHere)
      throws MailvaultException {
    Optional<JsonNode> held = Optional.empty();
    for (byte[] answer : remote.onEachPrimary(request(op, args))) {
      try {
        held = Optional.of(result(answer));
      } catch (MailvaultException e) {
        if (!notHere.isInstance(e)) {
          throw e;
        }
      }
    }
    return held;
  }

  private static byte[] request(String op, Map<String, ?> args) {
    return AdminAnswers.requestBytes(op, args);
  }

  private static JsonNode result(byte[] answer) throws MailvaultException {
    try {
      return AdminAnswers.result(answer);
    } catch (AdminException e) {
      throw AdminFailures.local(e);
    }
  }
}
