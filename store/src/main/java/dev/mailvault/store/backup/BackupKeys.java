package dev.mailvault.store.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Object keys of backups: {@code <vault id>/<UTC time>.vault} and the manifest {@code <vault
 * id>/<UTC time>.json}, e.g. {@code 3Fq.../20261123T024500123Z.vault}. The time is fixed-width so
 * that keys sort in time order; it has no ':' so that it is a file name everywhere.
 */
public final class BackupKeys {

  static final String OBJECT_SUFFIX = ".vault";
  static final String MANIFEST_SUFFIX = ".json";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private BackupKeys() {}

  /** The prefix every key of {@code vaultId} starts with. */
  public static String prefix(String vaultId) {
    return vaultId + "/";
  }

  public static String object(String vaultId, Instant created) {
    return prefix(vaultId) + TIME.format(created) + OBJECT_SUFFIX;
  }

  public static String manifest(String vaultId, Instant created) {
    return prefix(vaultId) + TIME.format(created) + MANIFEST_SUFFIX;
  }

  /** The time in a manifest key of {@code vaultId}; empty for any other key. */
  static Optional<Instant> manifestTime(String vaultId, String key) {
    String prefix = prefix(vaultId);
    if (!key.startsWith(prefix) || !key.endsWith(MANIFEST_SUFFIX)) {
      return Optional.empty();
    }
    String time = key.substring(prefix.length(), key.length() - MANIFEST_SUFFIX.length());
    try {
      return Optional.of(Instant.from(TIME.parse(time)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Backup times have millisecond precision in keys; a manifest's time is cut to match. */
  static Instant truncate(Instant time) {
    return Instant.ofEpochMilli(time.toEpochMilli());
  }
}
