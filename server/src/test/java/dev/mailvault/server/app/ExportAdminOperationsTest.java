package dev.mailvault.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken export that its front-end never discards is deleted an hour after its last read. */
class ExportAdminOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "an export ops passphrase";

  @TempDir Path data;

  @Test
  void aTakenExportLeftUnreadIsDeleted() throws Exception {
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
    DataLayout layout = DataLayout.open(data);
    Path temp = Files.createDirectories(data.resolve("temp"));
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    AdminOperations registry = new AdminOperations();
    EmailAddress alias = EmailAddress.parse("owner@example.test");
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings);
        SpoolStore spool = new SpoolStore(layout.spool());
        ExportJobs jobs = new ExportJobs(directory, vaults, spool, temp, clock);
        ExportAdminOperations ops = ExportAdminOperations.register(registry, jobs, clock)) {
      directory.addDomain(DomainName.parse("example.test"));
      new AliasLifecycle(directory, vaults, spool).create(alias, PASSWORD.toCharArray()).close();

      JsonNode started =
          run(
              registry,
              "export.start",
              Map.of(
                  "owner",
                  "a",
                  "address",
                  alias.toString(),
                  "format",
                  "mbox",
                  "password",
                  PASSWORD));
      Map<String, Object> job =
          Map.of(
              "id", started.path("export").path("id").asText(),
              "vault", started.path("export").path("vault").asText(),
              "owner", "a");
      await()
          .until(
              () ->
                  run(registry, "export.status", job)
                      .path("export")
                      .path("state")
                      .asText()
                      .equals("DONE"));
      assertThat(
              run(registry, "export.take", Map.of("id", job.get("id"), "vault", "x", "owner", "a"))
                  .has("export"))
          .isFalse();
      assertThat(run(registry, "export.take", job).has("export")).isTrue();
      assertThat(run(registry, "export.list", Map.of("owner", "a")).path("exports")).isEmpty();
      assertThat(sealedFiles(temp)).isEqualTo(1);

      clock.advance(Duration.ofMinutes(59));
      run(registry, "export.read", withOffset(job));
      clock.advance(Duration.ofMinutes(59));
      run(registry, "export.list", Map.of("owner", "a"));
      // Read 59 minutes ago: still there.
      assertThat(sealedFiles(temp)).isEqualTo(1);
      clock.advance(Duration.ofMinutes(2));
      assertThat(run(registry, "export.discard", job).path("discarded").asBoolean()).isFalse();
      assertThat(sealedFiles(temp)).isZero();
    }
  }

  private static Map<String, Object> withOffset(Map<String, Object> job) {
    Map<String, Object> args = new java.util.HashMap<>(job);
    args.put("offset", 0);
    return args;
  }

  private static JsonNode run(AdminOperations registry, String op, Map<String, ?> args)
      throws Exception {
    return JSON.valueToTree(registry.find(op).orElseThrow().run(JSON.valueToTree(args), l -> {}));
  }

  private static long sealedFiles(Path temp) throws Exception {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().startsWith("export-")).count();
    }
  }
}
