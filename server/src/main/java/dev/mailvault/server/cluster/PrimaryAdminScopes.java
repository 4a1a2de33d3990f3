package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.cluster.remote.PrimaryOperations;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.admin.AdminAnswers;
import dev.mailvault.server.admin.AdminOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a primary's admin operations its front-ends may ask for, and in which scope (ADR 0287).
 * An operation on one vault's files is offered only in a call the owner check has passed, and only
 * about that vault; one about the primary itself only in a node call. Everything else the admin
 * socket offers (purge, Sieve scripts, alias lifecycle) stays on the socket: a routing mistake in a
 * front-end, or a cluster certificate in the wrong hands, cannot reach a vault this primary does
 * not own or an operation no web feature needs.
 */
public final class PrimaryAdminScopes {

  /** Operations on one vault: its owner runs them. */
  public static final Set<String> VAULT =
      Set.of(
          "vault.create",
          "vault.delete",
          "backup.list",
          "backup.create",
          "backup.create-unlocked",
          "backup.read",
          "backup.restore",
          "export.start",
          "export.status",
          "export.read",
          "export.take",
          "export.discard");

  /** Operations on the primary's own state: every live primary runs them. */
  public static final Set<String> NODE =
      Set.of(
          "backup.target",
          "vault.open-ids",
          "export.list",
          "queue.list",
          "queue.show",
          "queue.retry",
          "queue.remove");

  private PrimaryAdminScopes() {}

  /**
   * {@code operations} as the cluster offers them: each name in its own scope only, and a vault's
   * operation only when every vault its arguments name (by id, or by an alias's address, which
   * {@code directory} resolves) is the one the call was routed by.
   */
  public static PrimaryOperations offered(AdminOperations operations, Directory directory) {
    return (scope, routed, request) ->
        AdminAnswers.answer(
            operations,
            request,
            (name, args) ->
                scope == PrimaryOperations.Scope.NODE
                    ? NODE.contains(name)
                    : VAULT.contains(name) && namesOnly(args, routed, directory));
  }

  /**
   * Whether {@code args} name a vault and no other than {@code routed}. An address no alias has
   * names no vault: the operation itself answers that it is unknown.
   */
  private static boolean namesOnly(JsonNode args, String routed, Directory directory)
      throws MailvaultException {
    List<String> named = new ArrayList<>();
    for (String field : List.of("vaultId", "vault")) {
      if (args.hasNonNull(field)) {
        named.add(args.get(field).asText(""));
      }
    }
    boolean unknownAddress = false;
    if (args.hasNonNull("address")) {
      Optional<AliasRoute> alias =
          directory.findAlias(EmailAddress.parse(args.get("address").asText("")));
      if (alias.isPresent()) {
        named.add(alias.get().vaultId());
      } else {
        unknownAddress = true;
      }
    }
    return (unknownAddress || !named.isEmpty()) && named.stream().allMatch(routed::equals);
  }
}
