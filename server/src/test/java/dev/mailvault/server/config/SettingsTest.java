package dev.mailvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  @Test
  void defaultsApplyWhenNothingIsGiven() throws Exception {
    Settings s = Settings.resolve(Map.of(Setting.DATA, dir.toString()), Map.of(), null);
    assertThat(s.port(Setting.HTTP_PORT)).isEqualTo(8080);
    assertThat(s.get(Setting.BIND)).isEqualTo("0.0.0.0");
    assertThat(s.serverKeyFile()).isNull();
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    Files.writeString(
        dir.resolve("mailvault.conf"),
        "mailvault { http.port = 9001, bind = \"127.0.0.2\", vault.idle-seconds = 42 }\n");
    Map<String, String> env =
        Map.of(
            "MAILVAULT_DATA",
            dir.toString(),
            "MAILVAULT_HTTP_PORT",
            "9002",
            "MAILVAULT_BIND",
            "127.0.0.3");
    Settings fromEnv = Settings.resolve(Map.of(), env, null);
    assertThat(fromEnv.port(Setting.HTTP_PORT)).isEqualTo(9002);
    assertThat(fromEnv.get(Setting.BIND)).isEqualTo("127.0.0.3");
    assertThat(fromEnv.positiveLong(Setting.VAULT_IDLE_SECONDS)).isEqualTo(42);

    Settings fromFlag = Settings.resolve(Map.of(Setting.HTTP_PORT, "9003"), env, null);
    assertThat(fromFlag.port(Setting.HTTP_PORT)).isEqualTo(9003);

    Settings fromFile = Settings.resolve(Map.of(Setting.DATA, dir.toString()), Map.of(), null);
    assertThat(fromFile.port(Setting.HTTP_PORT)).isEqualTo(9001);
  }

  @Test
  void badValuesAreOneReadableLine() throws Exception {
    assertThatThrownBy(
            () ->
                Settings.resolve(
                    Map.of(Setting.DATA, dir.toString(), Setting.HTTP_PORT, "eighty"),
                    Map.of(),
                    null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--http-port must be a port number from 0 to 65535, not 'eighty'");
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), dir.resolve("missing.conf")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void aBadValueIsNamedByWhereItCameFromWhenResolved() throws Exception {
    Path file = Files.writeString(dir.resolve("mailvault.conf"), "mailvault.imap.port = 99999\n");
    Map<Setting, String> flags = Map.of(Setting.DATA, dir.toString());
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "mailvault.imap.port in "
                + file
                + " must be a port number from 0 to 65535, not '99999'");
    // The environment overrides the file, and is what the error names then.
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of("MAILVAULT_IMAP_PORT", "x"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MAILVAULT_IMAP_PORT must be a port number from 0 to 65535, not 'x'");
    Files.writeString(file, "mailvault.backup.schedule = maybe\n");
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), null))
        .hasMessage("mailvault.backup.schedule in " + file + " must be true or false, not 'maybe'");
    Files.writeString(file, "mailvault.backup.keep-weekly = four\n");
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), null))
        .hasMessage(
            "mailvault.backup.keep-weekly in " + file + " must be a whole number, not 'four'");
    Files.writeString(file, "mailvault.backup.keep-weekly = 0\n");
    assertThat(Settings.resolve(flags, Map.of(), null).origin(Setting.BACKUP_KEEP_WEEKLY))
        .isEqualTo("mailvault.backup.keep-weekly in " + file);
  }

  @Test
  void anUnknownKeyNamesTheNearestSetting() throws Exception {
    Path file = Files.writeString(dir.resolve("mailvault.conf"), "mailvault.imap.prot = 1143\n");
    Map<Setting, String> flags = Map.of(Setting.DATA, dir.toString());
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting 'imap.prot' in " + file + "; did you mean 'imap.port'?");
    // A known key outside the mailvault block is pointed to it.
    Files.writeString(file, "smtp.port = 25\n");
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), null))
        .hasMessage(
            "unknown setting 'smtp.port' in " + file + "; did you mean 'mailvault.smtp.port'?");
  }

  @Test
  void malformedConfigFileIsReported() throws Exception {
    Files.writeString(dir.resolve("mailvault.conf"), "mailvault { http.port = \n");
    assertThatThrownBy(() -> Settings.resolve(Map.of(Setting.DATA, dir.toString()), Map.of(), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid");
  }
}
