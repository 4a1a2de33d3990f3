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
    Settings s =
        Settings.resolve(
            Map.of(Setting.DATA, dir.toString(), Setting.HTTP_PORT, "eighty"), Map.of(), null);
    assertThatThrownBy(() -> s.port(Setting.HTTP_PORT))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MAILVAULT_HTTP_PORT must be a port number from 0 to 65535, not 'eighty'");
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), dir.resolve("missing.conf")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void malformedConfigFileIsReported() throws Exception {
    Files.writeString(dir.resolve("mailvault.conf"), "mailvault { http.port = \n");
    assertThatThrownBy(() -> Settings.resolve(Map.of(Setting.DATA, dir.toString()), Map.of(), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid");
  }
}
