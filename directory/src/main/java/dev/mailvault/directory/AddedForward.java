package dev.mailvault.directory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What adding a forward target did.
 *
 * @param target the target as stored, with its id
 * @param added false when the alias had it already (nothing changed)
 * @param newSecret the alias's webhook secret when this call made it (the first URL target): to be
 *     shown once
 */
public record AddedForward(ForwardTarget target, boolean added, Optional<byte[]> newSecret) {

  public AddedForward {
    newSecret = newSecret.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> newSecret() {
    return newSecret.map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddedForward other
        && target.equals(other.target)
        && added == other.added
        && newSecret.isPresent() == other.newSecret.isPresent()
        && (newSecret.isEmpty() || Arrays.equals(newSecret.get(), other.newSecret.get()));
  }

  @Override
  public int hashCode() {
    return target.hashCode();
  }

  @Override
  public String toString() {
    return "AddedForward[" + target + ", added " + added + "]";
  }
}
