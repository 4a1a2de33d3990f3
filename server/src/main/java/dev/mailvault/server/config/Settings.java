package dev.mailvault.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.Parse;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Resolved settings. Precedence, highest first: command-line flags, {@code MAILVAULT_*} environment
 * variables, the config file ({@code --config FILE}, else {@code <data>/mailvault.conf} when
 * present), built-in defaults.
 */
public final class Settings {

  private final Map<Setting, String> values;

  private Settings(Map<Setting, String> values) {
    this.values = values;
  }

  /**
   * Resolves every setting.
   *
   * @param flags values given on the command line
   * @param env the process environment
   * @param configFile an explicit config file, or null
   */
  public static Settings resolve(
      Map<Setting, String> flags, Map<String, String> env, Path configFile) throws ConfigException {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, s.defaultValue());
    }
    // The data directory decides where the default config file is, so it resolves first.
    String data =
        firstNonNull(
            flags.get(Setting.DATA), env.get(Setting.DATA.env()), Setting.DATA.defaultValue());
    Path file = configFile != null ? configFile : Path.of(data).resolve("mailvault.conf");
    if (configFile != null && !Files.isReadable(configFile)) {
      throw new ConfigException("cannot read config file " + configFile);
    }
    if (Files.isReadable(file)) {
      Config config = parse(file);
      for (Setting s : Setting.values()) {
        String path = "mailvault." + s.key();
        if (config.hasPath(path)) {
          values.put(s, config.getAnyRef(path).toString());
        }
      }
    }
    for (Setting s : Setting.values()) {
      String fromEnv = env.get(s.env());
      if (fromEnv != null && !fromEnv.isEmpty()) {
        values.put(s, fromEnv);
      }
      String fromFlag = flags.get(s);
      if (fromFlag != null) {
        values.put(s, fromFlag);
      }
    }
    return new Settings(values);
  }

  private static Config parse(Path file) throws ConfigException {
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (Parse e) {
      throw new ConfigException("config file " + file + " is not valid: " + e.getMessage());
    }
  }

  private static String firstNonNull(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isEmpty()) {
        return c;
      }
    }
    return null;
  }

  public String get(Setting setting) {
    return values.get(setting);
  }

  public Path dataDir() {
    return Path.of(get(Setting.DATA));
  }

  public int port(Setting setting) throws ConfigException {
    String raw = get(setting);
    try {
      int port = Integer.parseInt(raw.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          setting.env() + " must be a port number from 0 to 65535, not '" + raw + "'");
    }
  }

  public long positiveLong(Setting setting) throws ConfigException {
    String raw = get(setting);
    try {
      long v = Long.parseLong(raw.trim());
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          setting.env() + " must be a positive whole number, not '" + raw + "'");
    }
  }

  public boolean bool(Setting setting) throws ConfigException {
    String raw = get(setting).trim().toLowerCase(java.util.Locale.ROOT);
    return switch (raw) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new ConfigException(setting.env() + " must be true or false, not '" + raw + "'");
    };
  }

  /** The server key file, or null when the directory is not encrypted. */
  public Path serverKeyFile() {
    String raw = get(Setting.SERVER_KEY_FILE);
    return raw == null || raw.isBlank() ? null : Path.of(raw);
  }
}
