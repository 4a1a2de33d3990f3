package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AliasPurge.PurgeReport;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purge takes the backups, the vault, the spool and the alias, and only that alias's. */
class AliasPurgeTest {

  @TempDir Path data;

  @Test
  void removesBackupsVaultSpoolAndAliasAndCountsThem() throws Exception {
    DataLayout layout = DataLayout.open(data);
    try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
      PurgeFixture fixture = new PurgeFixture(data);
      String leaving = fixture.alias("leaving@example.com", 2, 3, target);
      String staying = fixture.alias("staying@example.com", 1, 2, target);
      long vaultBytes = Files.size(layout.vaults().resolve(leaving + ".sqlite"));

      PurgeReport report;
      SpoolStore spool = new SpoolStore(layout.spool());
      try (Directory directory = SqliteDirectory.open(data, Optional.empty());
          VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
        report =
            new AliasPurge(directory, vaults, spool, target)
                .purge(EmailAddress.parse("Leaving@Example.com"));

        assertThat(directory.findAlias(EmailAddress.parse("leaving@example.com"))).isEmpty();
        assertThat(directory.findAlias(EmailAddress.parse("staying@example.com"))).isPresent();
      }

      assertThat(report.address().toString()).isEqualToIgnoringCase("leaving@example.com");
      assertThat(report.vaultBytes()).isGreaterThanOrEqualTo(vaultBytes).isPositive();
      assertThat(report.spoolItems()).isEqualTo(2);
      assertThat(report.backupObjects()).isEqualTo(6);
      assertThat(report.backupTarget()).isEqualTo(target.describe());
      assertThat(layout.vaults().resolve(leaving + ".sqlite")).doesNotExist();
      assertThat(spool.folderOf(leaving)).doesNotExist();
      assertThat(target.list(leaving + "/")).isEmpty();
      assertThat(layout.backups().resolve(leaving)).doesNotExist();

      assertThat(layout.vaults().resolve(staying + ".sqlite")).exists();
      assertThat(spool.list(staying)).hasSize(1);
      assertThat(target.list(staying + "/")).hasSize(4);
    }
  }

  @Test
  void anUnknownAliasRemovesNothing() throws Exception {
    DataLayout layout = DataLayout.open(data);
    try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
      String staying = new PurgeFixture(data).alias("staying@example.com", 0, 1, target);
      try (Directory directory = SqliteDirectory.open(data, Optional.empty());
          VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
        AliasPurge purge =
            new AliasPurge(directory, vaults, new SpoolStore(layout.spool()), target);

        assertThatThrownBy(() -> purge.purge(EmailAddress.parse("nobody@example.com")))
            .hasMessage("no such alias");
      }
      assertThat(target.list(staying + "/")).hasSize(2);
    }
  }
}
