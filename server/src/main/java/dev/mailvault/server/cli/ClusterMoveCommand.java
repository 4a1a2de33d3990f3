package dev.mailvault.server.cli;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.VaultOwner;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault cluster move VAULT PRIMARY}: gives a vault to another live primary with a new
 * epoch. The old owner's fence refuses its writes once the new owner opens the vault, and its lease
 * keeper closes the vault at its next renewal; front-ends re-route on their next call
 * (docs/adr/0280, 0281).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "move",
    description = "Move a vault to another live primary.")
final class ClusterMoveCommand implements Callable<Integer> {

  @ParentCommand ClusterCommand parent;

  @Parameters(index = "0", paramLabel = "VAULT", description = "the vault id")
  String vault;

  @Parameters(index = "1", paramLabel = "PRIMARY", description = "the primary's node name")
  String primary;

  @Override
  public Integer call() throws Exception {
    Settings settings = parent.top.settings(Map.of());
    VaultOwner owner;
    try (Directory directory = Directories.open(DataLayout.open(settings.dataDir()), settings)) {
      owner = directory.clusterRegistry().move(vault, primary);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("vault", owner.vaultId());
    data.put("primary", owner.primary());
    data.put("epoch", owner.epoch());
    parent
        .top
        .output()
        .result(
            "moved vault "
                + owner.vaultId()
                + " to "
                + owner.primary()
                + " at epoch "
                + owner.epoch(),
            data);
    return 0;
  }
}
