package dev.mailvault.server.config;

import java.util.regex.Pattern;

/**
 * Checks every resolved value against the kind of its setting, when the settings are resolved, so a
 * bad value stops the command before any listener starts and names where it came from. The kind is
 * read off the setting itself: a key ending in {@code .port} or {@code -port} is a port; a default
 * of {@code true} or {@code false} makes a boolean; a default that is a whole number makes a whole
 * number. Finer rules (a positive count) stay with the code that reads the value (ADR 0182).
 */
final class SettingCheck {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");

  private SettingCheck() {}

  static void checkAll(Settings settings) throws ConfigException {
    for (Setting setting : Setting.values()) {
      String defaultValue = setting.defaultValue();
      if (setting.key().endsWith(".port") || setting.key().endsWith("-port")) {
        settings.port(setting);
      } else if ("true".equals(defaultValue) || "false".equals(defaultValue)) {
        settings.bool(setting);
      } else if (WHOLE_NUMBER.matcher(defaultValue).matches()) {
        String raw = settings.get(setting).trim();
        if (!WHOLE_NUMBER.matcher(raw).matches() || raw.length() > 18) {
          throw new ConfigException(
              settings.origin(setting) + " must be a whole number, not '" + raw + "'");
        }
      }
    }
  }
}
