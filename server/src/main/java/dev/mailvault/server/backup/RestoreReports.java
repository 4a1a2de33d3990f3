package dev.mailvault.server.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/** A restore's outcome as a map (for {@code --json} and the admin socket) and as one line. */
public final class RestoreReports {

  private RestoreReports() {}

  public static Map<String, Object> data(String address, BackupService.RestoreReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", address);
    data.put("restored", BackupReports.manifest(report.restored()));
    report.safety().ifPresent(s -> data.put("safetyBackup", BackupReports.data(address, s)));
    return data;
  }

  @SuppressWarnings("unchecked")
  public static String human(Map<String, ?> data) {
    Map<String, ?> restored = (Map<String, ?>) data.get("restored");
    StringBuilder line =
        new StringBuilder("restored " + data.get("address") + " from its backup of ")
            .append(restored.get("created"));
    Object safety = data.get("safetyBackup");
    if (safety instanceof Map<?, ?> s) {
      line.append("; safety backup: ").append(s.get("outcome"));
      if (s.get("created") != null && "uploaded".equals(s.get("outcome"))) {
        line.append(" (").append(s.get("created")).append(')');
      }
    } else {
      line.append("; there was no current vault to save first");
    }
    return line.toString();
  }
}
