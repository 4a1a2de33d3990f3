package dev.mailvault.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.export.ExportFormat;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export jobs: owned, downloaded once, and gone an hour after they started. */
class ExportJobsTest {

  private static final EmailAddress ALIAS = parse("owner@example.test");
  private static final char[] PASSWORD = "an export test passphrase".toCharArray();

  @TempDir Path data;

  @Test
  void ownedDownloadedOnceAndExpired() throws Exception {
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
    DataLayout layout = DataLayout.open(data);
    Path temp = Files.createDirectories(data.resolve("temp"));
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings);
        SpoolStore spool = new SpoolStore(layout.spool());
        ExportJobs jobs = new ExportJobs(directory, vaults, spool, temp, clock)) {
      directory.addDomain(DomainName.parse("example.test"));
      new AliasLifecycle(directory, vaults, spool).create(ALIAS, PASSWORD.clone()).close();

      assertThatThrownBy(() -> jobs.start("a", ALIAS, ExportFormat.MBOX, "wrong one".toCharArray()))
          .isInstanceOf(WrongPasswordException.class);

      ExportJobs.Status first = jobs.start("a", ALIAS, ExportFormat.EML_ZIP, PASSWORD.clone());
      await()
          .until(
              () -> jobs.status(first.id(), "a").orElseThrow().state() != ExportJobs.State.RUNNING);
      assertThat(jobs.status(first.id(), "a").orElseThrow().state())
          .isEqualTo(ExportJobs.State.DONE);
      assertThat(jobs.status(first.id(), "b")).isEmpty();
      assertThat(jobs.take(first.id(), "b")).isEmpty();
      assertThat(jobs.list("a")).hasSize(1);

      try (Exports.Download download = jobs.take(first.id(), "a").orElseThrow()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.writeTo(out);
        // An eml-zip is a zip, even of an empty mailbox (it has its manifest).
        assertThat(out.toByteArray()).startsWith('P', 'K');
        assertThat(download.fileName()).endsWith(".zip");
      }
      assertThat(jobs.take(first.id(), "a")).isEmpty();
      assertThat(sealedFiles(temp)).isZero();

      ExportJobs.Status second = jobs.start("a", ALIAS, ExportFormat.MBOX, PASSWORD.clone());
      await()
          .until(
              () -> jobs.status(second.id(), "a").orElseThrow().state() == ExportJobs.State.DONE);
      clock.advance(Duration.ofMinutes(59));
      assertThat(jobs.status(second.id(), "a")).isPresent();
      clock.advance(Duration.ofMinutes(1));
      assertThat(jobs.status(second.id(), "a")).isEmpty();
      assertThat(sealedFiles(temp)).isZero();
    }
  }

  private static long sealedFiles(Path temp) throws Exception {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().startsWith("export-")).count();
    }
  }

  private static EmailAddress parse(String text) {
    try {
      return EmailAddress.parse(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
