package dev.mailvault.core.access;

import dev.mailvault.core.mail.Flags;
import java.util.Objects;

/**
 * A flag change for a set of messages.
 *
 * @param mode replace, add or remove
 * @param flags the flags and keywords given
 */
public record FlagUpdate(StoreMode mode, Flags flags) {

  public FlagUpdate {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(flags, "flags");
  }

  public static FlagUpdate add(Flags flags) {
    return new FlagUpdate(StoreMode.ADD, flags);
  }

  public static FlagUpdate remove(Flags flags) {
    return new FlagUpdate(StoreMode.REMOVE, flags);
  }

  public static FlagUpdate replace(Flags flags) {
    return new FlagUpdate(StoreMode.REPLACE, flags);
  }

  public Flags apply(Flags current) {
    return switch (mode) {
      case REPLACE -> flags;
      case ADD -> current.plus(flags);
      case REMOVE -> current.minus(flags);
    };
  }
}
