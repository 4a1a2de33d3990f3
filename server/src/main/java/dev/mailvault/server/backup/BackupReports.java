package dev.mailvault.server.backup;

import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Backup results as one line for people and as a map for {@code --json} and the admin socket. */
public final class BackupReports {

  private BackupReports() {}

  public static Map<String, Object> data(String address, BackupResult result) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", address);
    if (result instanceof BackupResult.Uploaded up) {
      data.put("outcome", "uploaded");
      data.putAll(manifest(up.manifest()));
      data.put("pruned", up.pruned().stream().map(Object::toString).toList());
    } else if (result instanceof BackupResult.Unchanged same) {
      data.put("outcome", "unchanged");
      data.putAll(manifest(same.newest()));
    } else if (result instanceof BackupResult.Rejected rejected) {
      data.put("outcome", "rejected");
      data.put("reason", rejected.reason());
    }
    return data;
  }

  public static String human(String address, BackupResult result) {
    if (result instanceof BackupResult.Uploaded up) {
      return "backed up "
          + address
          + ": "
          + up.manifest().size()
          + " bytes at "
          + up.manifest().created()
          + (up.pruned().isEmpty() ? "" : " (pruned " + up.pruned().size() + " old)");
    }
    if (result instanceof BackupResult.Unchanged same) {
      return address + " is unchanged since its backup of " + same.newest().created();
    }
    return "backup of " + address + " rejected: " + ((BackupResult.Rejected) result).reason();
  }

  /** A human line from the map form (what the admin socket returns). */
  public static String human(Map<String, ?> data) {
    String address = String.valueOf(data.get("address"));
    return switch (String.valueOf(data.get("outcome"))) {
      case "uploaded" ->
          "backed up " + address + ": " + data.get("size") + " bytes at " + data.get("created");
      case "unchanged" -> address + " is unchanged since its backup of " + data.get("created");
      default -> "backup of " + address + " rejected: " + data.get("reason");
    };
  }

  public static Map<String, Object> manifest(BackupManifest m) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("created", m.created().toString());
    data.put("size", m.size());
    data.put("sha256", m.sha256Hex());
    data.put("schemaVersion", m.schemaVersion());
    return data;
  }
}
