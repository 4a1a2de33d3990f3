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
 * present), built-in defaults. Each value remembers where it came from, so that an error names the
 * place to fix it (ADR 0182).
 */
public final class Settings {

  /** The block every key of a config file is under. */
  static final String PREFIX = "mailvault.";

  private final Map<Setting, String> values;
  private final Map<Setting, String> origins;

  private Settings(Map<Setting, String> values, Map<Setting, String> origins) {
    this.values = values;
    this.origins = origins;
  }

  /**
   * Resolves every setting.
   *
   * @param flags values given on the command line
   * @param env the process environment
   * @param configFile an explicit config file, or null
   * @throws ConfigException for an unreadable or invalid config file, a key in it that is no
   *     setting, or a value that is not of its setting's kind ({@link SettingCheck})
   */
  public static Settings resolve(
      Map<Setting, String> flags, Map<String, String> env, Path configFile) throws ConfigException {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<Setting, String> origins = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, s.defaultValue());
      origins.put(s, "default " + s.key());
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
      SettingNames.requireKnown(config, file);
      for (Setting s : Setting.values()) {
        String path = PREFIX + s.key();
        if (config.hasPath(path)) {
          values.put(s, config.getAnyRef(path).toString());
          origins.put(s, PREFIX + s.key() + " in " + file);
        }
      }
    }
    for (Setting s : Setting.values()) {
      String fromEnv = env.get(s.env());
      if (fromEnv != null && !fromEnv.isEmpty()) {
        values.put(s, fromEnv);
        origins.put(s, s.env());
      }
      String fromFlag = flags.get(s);
      if (fromFlag != null) {
        values.put(s, fromFlag);
        origins.put(s, flagName(s));
      }
    }
    Settings settings = new Settings(values, origins);
    // Every value is checked here, before anything starts, not when a listener first reads it.
    SettingCheck.checkAll(settings);
    return settings;
  }

  /**
   * The command-line option that sets {@code setting}: {@code http.port} is {@code --http-port}.
   */
  private static String flagName(Setting setting) {
    return "--" + setting.key().replace('.', '-');
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

  /**
   * Where the value of {@code setting} came from, as an error names it: the environment variable
   * ({@code MAILVAULT_IMAP_PORT}), the file key ({@code mailvault.imap.port in FILE}), the option
   * ({@code --http-port}) or the default ({@code default imap.port}).
   */
  public String origin(Setting setting) {
    return origins.get(setting);
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
          origin(setting) + " must be a port number from 0 to 65535, not '" + raw + "'");
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
          origin(setting) + " must be a positive whole number, not '" + raw + "'");
    }
  }

  public boolean bool(Setting setting) throws ConfigException {
    String raw = get(setting).trim().toLowerCase(java.util.Locale.ROOT);
    return switch (raw) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new ConfigException(origin(setting) + " must be true or false, not '" + raw + "'");
    };
  }

  /** The server key file, or null when the directory is not encrypted. */
  public Path serverKeyFile() {
    String raw = get(Setting.SERVER_KEY_FILE);
    return raw == null || raw.isBlank() ? null : Path.of(raw);
  }
}
