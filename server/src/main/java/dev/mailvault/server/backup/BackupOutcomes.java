package dev.mailvault.server.backup;

import dev.mailvault.store.backup.BackupResult;
import java.time.Duration;

/** Told how each backup ended and how long it took, for {@code /metrics} (ADR 0256). */
@FunctionalInterface
public interface BackupOutcomes {

  /** Counts nothing. */
  BackupOutcomes NONE = (outcome, took) -> {};

  /** A backup that threw: the vault could not be read or the target refused the upload. */
  String FAILED = "failed";

  /**
   * One backup ended.
   *
   * @param outcome {@code uploaded}, {@code unchanged}, {@code rejected} or {@link #FAILED}
   */
  void finished(String outcome, Duration took);

  /** The outcome's name for a result. */
  static String outcomeOf(BackupResult result) {
    if (result instanceof BackupResult.Uploaded) {
      return "uploaded";
    }
    return result instanceof BackupResult.Unchanged ? "unchanged" : "rejected";
  }
}
