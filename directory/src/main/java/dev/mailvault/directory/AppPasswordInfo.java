package dev.mailvault.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * One app-specific password of an alias, without the secret (ADR 0266).
 *
 * @param id names it for revocation
 * @param label what the owner called it ("phone", "laptop")
 * @param lastUsed the latest login with it, if any
 */
public record AppPasswordInfo(
    String id, String label, Instant created, Optional<Instant> lastUsed) {}
