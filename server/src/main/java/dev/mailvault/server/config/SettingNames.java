package dev.mailvault.server.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Refuses a config file key that is no setting: a misspelt {@code imap.prot} would otherwise be
 * ignored and the server would listen where the administrator did not ask it to.
 */
final class SettingNames {

  private SettingNames() {}

  /** Throws for the first key (in alphabetical order) of {@code config} that is no setting. */
  static void requireKnown(Config config, Path file) throws ConfigException {
    Optional<String> unknown =
        config.entrySet().stream()
            .map(Map.Entry::getKey)
            .filter(k -> !isSetting(k))
            .sorted()
            .findFirst();
    if (unknown.isPresent()) {
      String key = unknown.get();
      String name = key.startsWith(Settings.PREFIX) ? key.substring(Settings.PREFIX.length()) : key;
      String nearest = nearest(name);
      // A known key outside the mailvault block: say where it belongs.
      String suggestion = nearest.equals(name) ? Settings.PREFIX + nearest : nearest;
      throw new ConfigException(
          "unknown setting '" + name + "' in " + file + "; did you mean '" + suggestion + "'?");
    }
  }

  private static boolean isSetting(String path) {
    return path.startsWith(Settings.PREFIX)
        && Setting.byKey(path.substring(Settings.PREFIX.length())).isPresent();
  }

  /** The known key with the fewest edits from {@code name}. */
  static String nearest(String name) {
    return Stream.of(Setting.values())
        .map(Setting::key)
        .min(Comparator.comparingInt((String key) -> distance(name, key)).thenComparing(k -> k))
        .orElseThrow();
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
