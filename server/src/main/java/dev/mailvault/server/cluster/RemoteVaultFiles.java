package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.app.VaultFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A front-end's {@link VaultFiles}: the vault's primary creates and deletes them with its {@code
 * vault.create} and {@code vault.delete} (ADR 0286). A new vault has no owner yet; asking for one
 * assigns it from the placement table, as the vault's first IMAP login would.
 *
 * <p>The data key travels in the request, over the cluster's mutual TLS, as it does when a
 * front-end opens a vault; the deleted paths are the primary's.
 */
public final class RemoteVaultFiles implements VaultFiles {

  private final ClusterAdmin primaries;

  public RemoteVaultFiles(ClusterAdmin primaries) {
    this.primaries = primaries;
  }

  @Override
  public void create(String vaultId, SecretBytes dataKey) throws MailvaultException {
    String key = dataKey.apply(bytes -> Base64.getEncoder().encodeToString(bytes));
    primaries
        .onOwnerOf(vaultId)
        .call("vault.create", Map.of("vaultId", vaultId, "dataKey", key), line -> {});
  }

  @Override
  public List<Path> delete(String vaultId) throws MailvaultException {
    JsonNode result =
        primaries.onOwnerOf(vaultId).call("vault.delete", Map.of("vaultId", vaultId), line -> {});
    List<Path> deleted = new ArrayList<>();
    for (JsonNode path : result.path("deleted")) {
      deleted.add(Path.of(path.asText()));
    }
    return deleted;
  }
}
