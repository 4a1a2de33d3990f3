package dev.mailvault.server.cli;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.PrimaryStatus;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault cluster status}: every primary that joined, live or lapsed by the directory's
 * clock, with its epoch and the vaults it owns (docs/adr/0280-placement-and-leases.md).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "List the storage primaries: live or lapsed, epoch, vaults owned.")
final class ClusterStatusCommand implements Callable<Integer> {

  @ParentCommand ClusterCommand parent;

  @Override
  public Integer call() throws Exception {
    Settings settings = parent.top.settings(Map.of());
    List<PrimaryStatus> primaries;
    try (Directory directory = Directories.open(DataLayout.open(settings.dataDir()), settings)) {
      primaries = directory.clusterRegistry().primaries();
    }
    List<Map<String, ?>> rows = new ArrayList<>();
    for (PrimaryStatus p : primaries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("primary", p.primary());
      row.put("address", p.rpcAddress());
      row.put("state", p.live() ? "live" : "lapsed");
      row.put("epoch", p.epoch());
      row.put("vaults", p.vaults());
      rows.add(row);
    }
    parent
        .top
        .output()
        .table(
            List.of("primary", "address", "state", "epoch", "vaults"),
            rows,
            "no primary has joined the cluster");
    return 0;
  }
}
