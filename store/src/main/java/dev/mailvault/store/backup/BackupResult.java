package dev.mailvault.store.backup;

import java.time.Instant;
import java.util.List;

/** What one backup attempt of a vault did. */
public sealed interface BackupResult {

  /** A new backup was stored; older ones the generation policy no longer keeps were deleted. */
  record Uploaded(BackupManifest manifest, List<Instant> pruned) implements BackupResult {
    public Uploaded {
      pruned = List.copyOf(pruned);
    }
  }

  /** The vault's content equals its newest backup's: nothing was stored. */
  record Unchanged(BackupManifest newest) implements BackupResult {}

  /** The copy could not be made, opened or checked: nothing was stored. */
  record Rejected(String reason) implements BackupResult {}
}
