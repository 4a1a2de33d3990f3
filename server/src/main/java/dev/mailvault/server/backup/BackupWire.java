package dev.mailvault.server.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.backup.BackupService.RestoreReport;
import dev.mailvault.store.backup.BackupFormatException;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manifests, backup results and restore reports whole, as a primary answers a front-end (ADR 0286),
 * and back. Unlike {@link BackupReports} (what people and {@code --json} read), every field
 * crosses: a manifest in the form stored beside its backup ({@link BackupManifest#toJson()}), so
 * the front-end holds the same object the primary does.
 */
public final class BackupWire {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private BackupWire() {}

  public static Map<String, Object> manifest(BackupManifest manifest) {
    try {
      return JSON.readValue(manifest.toJson(), MAP);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest's own JSON did not parse", e);
    }
  }

  /** A manifest back from {@link #manifest(BackupManifest)}'s form. */
  public static BackupManifest manifest(JsonNode node) throws BackupFormatException {
    try {
      return BackupManifest.fromJson(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new BackupFormatException("a backup manifest is damaged: " + e.getMessage());
    }
  }

  public static Map<String, Object> result(BackupResult result) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (result instanceof BackupResult.Uploaded up) {
      data.put("outcome", "uploaded");
      data.put("manifest", manifest(up.manifest()));
      data.put("pruned", up.pruned().stream().map(Instant::toString).toList());
    } else if (result instanceof BackupResult.Unchanged same) {
      data.put("outcome", "unchanged");
      data.put("manifest", manifest(same.newest()));
    } else if (result instanceof BackupResult.Rejected rejected) {
      data.put("outcome", "rejected");
      data.put("reason", rejected.reason());
    }
    return data;
  }

  /** A result back from {@link #result(BackupResult)}'s form. */
  public static BackupResult result(JsonNode node) throws MailvaultException {
    String outcome = node.path("outcome").asText("");
    switch (outcome) {
      case "uploaded":
        List<Instant> pruned = new ArrayList<>();
        for (JsonNode time : node.path("pruned")) {
          pruned.add(time(time));
        }
        return new BackupResult.Uploaded(manifest(node.path("manifest")), pruned);
      case "unchanged":
        return new BackupResult.Unchanged(manifest(node.path("manifest")));
      case "rejected":
        return new BackupResult.Rejected(node.path("reason").asText(""));
      default:
        throw new BackupFormatException("a backup result has no known outcome");
    }
  }

  public static Map<String, Object> restore(RestoreReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("restored", manifest(report.restored()));
    report.safety().ifPresent(safety -> data.put("safety", result(safety)));
    return data;
  }

  /** A restore's report back from {@link #restore(RestoreReport)}'s form. */
  public static RestoreReport restore(JsonNode node) throws MailvaultException {
    JsonNode safety = node.path("safety");
    return new RestoreReport(
        manifest(node.path("restored")),
        safety.isObject() ? Optional.of(result(safety)) : Optional.empty());
  }

  private static Instant time(JsonNode node) throws BackupFormatException {
    try {
      return Instant.parse(node.asText(""));
    } catch (DateTimeParseException e) {
      throw new BackupFormatException("a backup result's time is damaged");
    }
  }
}
