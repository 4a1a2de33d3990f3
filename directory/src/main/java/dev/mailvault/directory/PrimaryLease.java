package dev.mailvault.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * A storage primary's lease in the cluster (ADR 0280): its name, the epoch of this incarnation
 * (higher than any epoch handed out before it) and the lease time, counted by the directory
 * database's clock from each renewal.
 */
public record PrimaryLease(String primary, long epoch, Duration lease) {

  public PrimaryLease {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(lease, "lease");
  }
}
