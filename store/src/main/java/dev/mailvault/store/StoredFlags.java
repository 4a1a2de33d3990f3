package dev.mailvault.store;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.TreeSet;

/**
 * How flags are kept in a vault row: system flags as a bitmask (so SEARCH and counters test bits in
 * SQL) and keywords as one space-separated column. The bit values are part of the schema.
 */
final class StoredFlags {

  private StoredFlags() {}

  static int bit(SystemFlag flag) {
    return switch (flag) {
      case SEEN -> 1;
      case ANSWERED -> 2;
      case FLAGGED -> 4;
      case DELETED -> 8;
      case DRAFT -> 16;
    };
  }

  static int bits(Flags flags) {
    int bits = 0;
    for (SystemFlag flag : flags.system()) {
      bits |= bit(flag);
    }
    return bits;
  }

  static String keywordColumn(Flags flags) {
    return String.join(" ", flags.keywords());
  }

  static Flags fromStored(int bits, String keywordColumn) {
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag flag : SystemFlag.values()) {
      if ((bits & bit(flag)) != 0) {
        system.add(flag);
      }
    }
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (!keywordColumn.isEmpty()) {
      keywords.addAll(Arrays.asList(keywordColumn.split(" ")));
    }
    return new Flags(system, keywords);
  }
}
