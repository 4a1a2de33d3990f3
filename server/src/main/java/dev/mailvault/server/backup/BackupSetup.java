package dev.mailvault.server.backup;

import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.GenerationPolicy;
import java.time.Clock;

/** Builds the backup service from the settings, for {@code serve} and the CLI alike. */
public final class BackupSetup {

  private BackupSetup() {}

  /** The generation policy: {@code backup.keep-daily} and {@code backup.keep-weekly}. */
  public static GenerationPolicy policy(Settings settings) throws ConfigException {
    int daily = (int) Math.min(Integer.MAX_VALUE, settings.positiveLong(Setting.BACKUP_KEEP_DAILY));
    String weeklyRaw = settings.get(Setting.BACKUP_KEEP_WEEKLY).trim();
    int weekly;
    try {
      weekly = Integer.parseInt(weeklyRaw);
      if (weekly < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(
          settings.origin(Setting.BACKUP_KEEP_WEEKLY)
              + " must be 0 or more, not '"
              + weeklyRaw
              + "'");
    }
    return new GenerationPolicy(daily, weekly);
  }

  /** Where backups go: the configured target ({@link BackupTargets}). */
  public static BackupTarget target(DataLayout layout, Settings settings) throws ConfigException {
    return BackupTargets.open(layout, settings);
  }

  /** The service over {@code target}; the caller closes the target. */
  public static BackupService service(
      DataLayout layout,
      Settings settings,
      Directory directory,
      VaultStore vaults,
      BackupTarget target)
      throws ConfigException {
    return new BackupService(
        directory, vaults, target, layout.backupStaging(), policy(settings), Clock.systemUTC());
  }
}
