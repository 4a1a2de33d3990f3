package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.backup.BackupTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The settings pick the backup target; bad settings are one line without the secret. */
class BackupTargetsTest {

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

  @TempDir Path data;

  @Test
  void theDefaultIsTheBackupsFolderUnderTheDataDirectory() throws Exception {
    try (BackupTarget target = BackupTargets.open(layout(), settings(Map.of()))) {
      target.put("0a1b2c/a.manifest", new byte[] {1});

      assertThat(target.describe()).isEqualTo(data.resolve("backups").toAbsolutePath().toString());
      assertThat(data.resolve("backups/0a1b2c/a.manifest")).exists();
    }
  }

  @Test
  void aConfiguredFolderIsUsedInstead(@TempDir Path elsewhere) throws Exception {
    Map<String, String> env =
        Map.of("MAILVAULT_BACKUP_DIRECTORY", elsewhere.resolve("mv").toString());
    try (BackupTarget target = BackupTargets.open(layout(), settings(env))) {
      target.put("0a1b2c/a.manifest", new byte[] {1});
    }
    assertThat(elsewhere.resolve("mv/0a1b2c/a.manifest")).exists();
    assertThat(data.resolve("backups")).doesNotExist();
  }

  @Test
  void s3SettingsFromTheConfigFileReachTheBucket() throws Exception {
    String bucket = S3.newBucket();
    StringBuilder conf = new StringBuilder("mailvault {\n");
    S3.settings(bucket, "node-1/")
        .forEach((k, v) -> conf.append("  ").append(k).append(" = \"").append(v).append("\"\n"));
    Files.writeString(data.resolve("mailvault.conf"), conf.append("}\n"));

    try (BackupTarget target = BackupTargets.open(layout(), settings(Map.of()))) {
      target.put("0a1b2c/a.manifest", "m".getBytes());
      assertThat(target.describe()).startsWith("s3://" + bucket + "/node-1/");
      assertThat(target.list("0a1b2c/")).containsExactly("0a1b2c/a.manifest");
    }
    try (var raw = S3.client();
        InputStream in = raw.getObject(b -> b.bucket(bucket).key("node-1/0a1b2c/a.manifest"))) {
      assertThat(in.readAllBytes()).isEqualTo("m".getBytes());
    }
  }

  @Test
  void pathStyleIsAutomaticWithAnEndpoint() throws Exception {
    Map<String, String> env = new HashMap<>(s3Env());
    assertThat(BackupTargets.s3Config(settings(env)).pathStyle()).isTrue();
    env.remove("MAILVAULT_BACKUP_S3_ENDPOINT");
    assertThat(BackupTargets.s3Config(settings(env)).pathStyle()).isFalse();
    env.put("MAILVAULT_BACKUP_S3_PATH_STYLE", "true");
    assertThat(BackupTargets.s3Config(settings(env)).pathStyle()).isTrue();
  }

  @Test
  void badSettingsAreOneLineAndNeverShowTheSecret() throws Exception {
    assertBad(
        Map.of("MAILVAULT_BACKUP_TARGET", "ftp"), "MAILVAULT_BACKUP_TARGET must be local or s3");
    assertBad(without("MAILVAULT_BACKUP_S3_BUCKET"), "MAILVAULT_BACKUP_S3_BUCKET is required");
    assertBad(
        with("MAILVAULT_BACKUP_S3_ENDPOINT", "minio:9000"),
        "MAILVAULT_BACKUP_S3_ENDPOINT must be an http(s) URL");
    assertBad(
        with("MAILVAULT_BACKUP_S3_ENDPOINT", "https://user:s3cr3t-value@minio.example.net"),
        "MAILVAULT_BACKUP_S3_ENDPOINT must be an http(s) URL");
    assertBad(without("MAILVAULT_BACKUP_S3_ACCESS_KEY"), "must be set together");
    assertBad(with("MAILVAULT_BACKUP_S3_PART_SIZE_MB", "4"), "must be from 5 to 5120");
    assertBad(with("MAILVAULT_BACKUP_S3_PATH_STYLE", "sometimes"), "must be auto, true or false");
  }

  private void assertBad(Map<String, String> env, String message) {
    assertThatThrownBy(() -> BackupTargets.open(layout(), settings(env)).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("s3cr3t-value")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private Map<String, String> s3Env() {
    Map<String, String> env = new HashMap<>();
    env.put("MAILVAULT_BACKUP_TARGET", "s3");
    env.put("MAILVAULT_BACKUP_S3_ENDPOINT", "http://127.0.0.1:9");
    env.put("MAILVAULT_BACKUP_S3_BUCKET", "b");
    env.put("MAILVAULT_BACKUP_S3_ACCESS_KEY", "ak");
    env.put("MAILVAULT_BACKUP_S3_SECRET_KEY", "s3cr3t-value");
    return env;
  }

  private Map<String, String> with(String name, String value) {
    Map<String, String> env = s3Env();
    env.put(name, value);
    return env;
  }

  private Map<String, String> without(String name) {
    Map<String, String> env = s3Env();
    env.remove(name);
    return env;
  }

  private DataLayout layout() throws ConfigException {
    return DataLayout.open(data);
  }

  private Settings settings(Map<String, String> env) throws ConfigException {
    return Settings.resolve(Map.of(Setting.DATA, data.toString()), env, null);
  }
}
