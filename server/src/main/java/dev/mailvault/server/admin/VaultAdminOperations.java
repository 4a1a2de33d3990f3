package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.app.VaultFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code vault.create} and {@code vault.delete}: the files of an alias that a cluster's front-end
 * creates or removes, run on the primary that owns the vault (ADR 0286). The data key arrives in
 * the request, over the cluster's mutual TLS, as front-ends send it to open a vault; it is never
 * logged and its copies are zeroed.
 */
public final class VaultAdminOperations {

  private final VaultFiles files;

  private VaultAdminOperations(VaultFiles files) {
    this.files = files;
  }

  public static void register(AdminOperations registry, VaultFiles files) {
    VaultAdminOperations ops = new VaultAdminOperations(files);
    registry.register("vault.create", ops::create);
    registry.register("vault.delete", ops::delete);
  }

  private Map<String, ?> create(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    String vaultId = vaultId(args);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(args.path("dataKey").asText(""));
    } catch (IllegalArgumentException e) {
      throw new MailvaultException("the data key is not base64");
    }
    try (SecretBytes dataKey = SecretBytes.copyOf(key)) {
      files.create(vaultId, dataKey);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return Map.of("vaultId", vaultId, "created", true);
  }

  private Map<String, ?> delete(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    String vaultId = vaultId(args);
    List<String> deleted = files.delete(vaultId).stream().map(Path::toString).toList();
    return Map.of("vaultId", vaultId, "deleted", deleted);
  }

  private static String vaultId(JsonNode args) throws MailvaultException {
    String vaultId = args.path("vaultId").asText("");
    if (vaultId.isEmpty()) {
      throw new MailvaultException("which vault?");
    }
    return vaultId;
  }
}
