package dev.mailvault.server.backup;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the backup target the settings name: a local folder or an S3 bucket. */
public final class BackupTargets {

  private static final long MIB = 1024L * 1024;

  private BackupTargets() {}

  /**
   * The configured target; the caller closes it.
   *
   * @throws ConfigException when the settings are incomplete or malformed (one readable line that
   *     never contains the secret key)
   */
  public static BackupTarget open(DataLayout layout, Settings settings) throws ConfigException {
    String kind = settings.get(Setting.BACKUP_TARGET).strip().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "local" -> new LocalDirectoryTarget(localDirectory(layout, settings));
      case "s3" -> S3BackupTarget.open(s3Config(settings));
      default ->
          throw new ConfigException(
              settings.origin(Setting.BACKUP_TARGET) + " must be local or s3, not '" + kind + "'");
    };
  }

  /** The folder of the local target: BACKUP_DIRECTORY, else {@code <data>/backups}. */
  static Path localDirectory(DataLayout layout, Settings settings) {
    String configured = settings.get(Setting.BACKUP_DIRECTORY);
    return configured == null || configured.isBlank()
        ? layout.backups()
        : Path.of(configured.strip());
  }

  /** The S3 settings, checked. */
  static S3TargetConfig s3Config(Settings settings) throws ConfigException {
    String bucket = settings.get(Setting.BACKUP_S3_BUCKET).strip();
    if (bucket.isEmpty()) {
      throw new ConfigException(
          Setting.BACKUP_S3_BUCKET.env() + " is required when MAILVAULT_BACKUP_TARGET is s3");
    }
    URI endpoint = endpoint(settings.get(Setting.BACKUP_S3_ENDPOINT).strip());
    String accessKey = blankToNull(settings.get(Setting.BACKUP_S3_ACCESS_KEY));
    String secretKey = blankToNull(settings.get(Setting.BACKUP_S3_SECRET_KEY));
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(
          Setting.BACKUP_S3_ACCESS_KEY.env()
              + " and "
              + Setting.BACKUP_S3_SECRET_KEY.env()
              + " must be set together");
    }
    long partSizeMb = settings.positiveLong(Setting.BACKUP_S3_PART_SIZE_MB);
    if (partSizeMb * MIB < S3TargetConfig.MIN_PART_SIZE || partSizeMb > 5 * 1024) {
      throw new ConfigException(
          settings.origin(Setting.BACKUP_S3_PART_SIZE_MB)
              + " must be from 5 to 5120, not "
              + partSizeMb);
    }
    String region = settings.get(Setting.BACKUP_S3_REGION).strip();
    if (region.isEmpty()) {
      throw new ConfigException(Setting.BACKUP_S3_REGION.env() + " must not be empty");
    }
    return new S3TargetConfig(
        endpoint,
        region,
        bucket,
        settings.get(Setting.BACKUP_S3_PREFIX),
        accessKey,
        secretKey,
        pathStyle(settings, endpoint),
        partSizeMb * MIB,
        S3TargetConfig.DEFAULT_LIST_PAGE_SIZE);
  }

  private static URI endpoint(String raw) throws ConfigException {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(raw, "not an http(s) URL with a host");
      }
      if (uri.getUserInfo() != null) {
        // Credentials belong in the key settings, where they are kept out of output.
        throw new URISyntaxException("(hidden)", "credentials in the URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          Setting.BACKUP_S3_ENDPOINT.env()
              + " must be an http(s) URL such as https://s3.example.net:9000 ("
              + e.getReason()
              + ")");
    }
  }

  private static boolean pathStyle(Settings settings, URI endpoint) throws ConfigException {
    String raw = settings.get(Setting.BACKUP_S3_PATH_STYLE).strip().toLowerCase(Locale.ROOT);
    return switch (raw) {
      case "auto" -> endpoint != null;
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(
              settings.origin(Setting.BACKUP_S3_PATH_STYLE)
                  + " must be auto, true or false, not '"
                  + raw
                  + "'");
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
