package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AliasPurge.PurgeReport;
import dev.mailvault.server.backup.S3BackupTarget;
import dev.mailvault.server.backup.S3ProxyFixture;
import dev.mailvault.server.backup.S3TargetConfig;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A purge takes the backups, the vault, the spool and the alias, and only that alias's. */
class AliasPurgeTest {

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

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
  void whenTheBucketRefusesNothingIsRemovedAndAPurgeCanBeRunAgain() throws Exception {
    DataLayout layout = DataLayout.open(data);
    S3TargetConfig good = S3.config(S3.newBucket(), "");
    S3TargetConfig wrongSecret =
        new S3TargetConfig(
            good.endpoint(),
            good.region(),
            good.bucket(),
            good.prefix(),
            good.accessKey(),
            "wrong-secret",
            true,
            good.partSize(),
            good.listPageSize());
    try (BackupTarget target = S3BackupTarget.open(good);
        BackupTarget refusing = S3BackupTarget.open(wrongSecret)) {
      String leaving = new PurgeFixture(data).alias("leaving@example.com", 1, 1, target);
      SpoolStore spool = new SpoolStore(layout.spool());
      try (Directory directory = SqliteDirectory.open(data, Optional.empty());
          VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
        EmailAddress address = EmailAddress.parse("leaving@example.com");

        assertThatThrownBy(() -> new AliasPurge(directory, vaults, spool, refusing).purge(address))
            .isInstanceOf(MailvaultException.class)
            .hasMessageStartingWith("cannot remove the backups: S3 listing of " + leaving)
            .hasMessageContaining("(HTTP 403)");
        assertThat(directory.findAlias(address)).isPresent();
        assertThat(vaults.fileOf(leaving)).exists();
        assertThat(spool.list(leaving)).hasSize(1);
        assertThat(target.list(leaving + "/")).hasSize(2);

        PurgeReport again = new AliasPurge(directory, vaults, spool, target).purge(address);
        assertThat(again.backupObjects()).isEqualTo(2);
        assertThat(again.spoolItems()).isEqualTo(1);
        assertThat(vaults.fileOf(leaving)).doesNotExist();
        assertThat(target.list(leaving + "/")).isEmpty();
      }
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
