package dev.mailvault.server.admin;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A data directory with aliases that have what a purge removes: a vault, sealed spool items and
 * backup objects (stand-ins named as the backup engine names them, {@code <vault id>/<time>.vault}
 * and {@code .json}), built through the real directory, vault store, spool and target: in the
 * cluster fixture, the cluster's directory database and storage ({@link TestedNode#offline}).
 */
public final class PurgeFixture {

  private final Path data;

  public PurgeFixture(Path data) {
    this.data = data;
  }

  /**
   * Creates {@code address} (and its domain if needed) with {@code spoolItems} waiting and {@code
   * backups} backup generations (two objects each) in {@code target}.
   *
   * @return the alias's vault id
   */
  public String alias(String address, int spoolItems, int backups, BackupTarget target)
      throws Exception {
    return alias(address, null, spoolItems, backups, target);
  }

  /** As {@link #alias(String, int, int, BackupTarget)}, with a chosen password (12+ chars). */
  public String alias(
      String address, String password, int spoolItems, int backups, BackupTarget target)
      throws Exception {
    Settings settings = TestedNode.offline(data);
    DataLayout layout = DataLayout.open(settings);
    EmailAddress parsed = EmailAddress.parse(address);
    // Closed at the end like a server that stops: its open spool segments are given up.
    try (SpoolStore spool = new SpoolStore(layout.spool());
        Directory directory = Directories.open(layout, settings);
        VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
      DomainName domain = parsed.domain();
      if (directory.listDomains().stream().noneMatch(d -> d.name().equals(domain))) {
        directory.addDomain(domain);
      }
      new AliasLifecycle(directory, vaults, spool)
          .create(parsed, password == null ? null : password.toCharArray())
          .close();
      AliasRoute route = directory.findAlias(parsed).orElseThrow();
      for (int i = 0; i < spoolItems; i++) {
        spool.put(
            route.vaultId(),
            route.spoolPublicKey(),
            new SpoolItem(
                TestMail.text("a@sender.test", address, "Waiting " + i, "Body " + i),
                Instant.now(),
                "a@sender.test",
                List.of(address)));
      }
      for (int i = 0; i < backups; i++) {
        String time = String.format("2026112%dT030000000Z", i);
        target.put(
            route.vaultId() + "/" + time + ".vault",
            ("copy " + i).getBytes(StandardCharsets.UTF_8));
        target.put(
            route.vaultId() + "/" + time + ".json",
            ("manifest " + i).getBytes(StandardCharsets.UTF_8));
      }
      return route.vaultId();
    }
  }
}
