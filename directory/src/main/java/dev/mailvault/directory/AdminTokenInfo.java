package dev.mailvault.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * An admin API token as the directory keeps it (ADR 0261): never the token, only its metadata.
 *
 * @param scope {@code read} (GET only) or {@code admin} (everything)
 */
public record AdminTokenInfo(
    long id,
    String name,
    String scope,
    Instant created,
    Optional<Instant> lastUsed,
    Optional<Instant> revoked) {

  /** Whether the token still opens the API. */
  public boolean active() {
    return revoked.isEmpty();
  }
}
