package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.WrappedDataKey;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.store.VaultFileCheck;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downloaded backup and its manifest alone, with the alias password, open the vault: the key
 * record in the manifest unwraps the data key; a wrong password fails with one line.
 */
class KeyRecordTest {

  private static final String ALIAS = "keys@example.com";

  @TempDir Path data;

  @Test
  void theManifestsKeyRecordOpensTheBackupWithThePasswordOnly() throws Exception {
    BackupFixture.addAlias(data, ALIAS);
    BackupFixture.append(data, ALIAS, 1, 3);
    Path file = data.resolve("download.vault");
    BackupManifest manifest;
    DataLayout layout = DataLayout.open(data);
    try (var directory = Directories.open(layout, BackupFixture.settings(data));
        var vaults = Vaults.open(layout, BackupFixture.settings(data));
        var target = new LocalDirectoryTarget(layout.backups())) {
      BackupService backups =
          new BackupService(
              directory,
              vaults,
              target,
              layout.backupStaging(),
              GenerationPolicy.DEFAULT,
              Clock.systemUTC());
      EmailAddress address = EmailAddress.parse(ALIAS);
      BackupResult result =
          backups.backUpWithPassword(address, BackupFixture.PASSWORD.toCharArray());
      assertThat(result).isInstanceOf(BackupResult.Uploaded.class);
      // The password changes after the backup: the old one still opens the old backup.
      directory.changePassword(
          address, BackupFixture.PASSWORD.toCharArray(), "a brand new password 2026".toCharArray());
      manifest = backups.download(address, null, file);
    }

    WrappedDataKey record = KeyRecord.decode(manifest.wrappedKey());
    assertThat(record.vaultId()).isEqualTo(manifest.vaultId());
    try (SecretBytes key = KeyRecord.unwrap(record, BackupFixture.PASSWORD.toCharArray())) {
      VaultFileCheck.Result check =
          key.apply(k -> VaultFileCheck.check(manifest.vaultId(), file, k));
      assertThat(manifest.hasContent(check.contentDigest())).isTrue();
    }
    assertThatThrownBy(() -> KeyRecord.unwrap(record, "not the password".toCharArray()))
        .isInstanceOf(MailvaultException.class)
        .hasMessage("the password does not open this backup");
    assertThatThrownBy(() -> KeyRecord.unwrap(record, "a brand new password 2026".toCharArray()))
        .isInstanceOf(MailvaultException.class);
  }
}
