package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.backup.BackupService.RestoreReport;
import dev.mailvault.store.backup.BackupFormatException;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a primary answers a front-end about backups comes back as the same objects (ADR 0286). */
class BackupWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final BackupManifest FIRST = manifest("2026-12-01T10:00:00.123Z", 4096, 1);
  private static final BackupManifest SECOND = manifest("2026-12-02T10:00:00Z", 8192, 2);

  @Test
  void aManifestComesBackWhole() throws Exception {
    BackupManifest back = BackupWire.manifest(across(BackupWire.manifest(FIRST)));

    assertThat(back).isEqualTo(FIRST);
    assertThat(back.wrappedKey()).isEqualTo(FIRST.wrappedKey());
    assertThat(back.contentDigest()).isEqualTo(FIRST.contentDigest());
  }

  @Test
  void eachOutcomeComesBack() throws Exception {
    BackupResult uploaded =
        new BackupResult.Uploaded(SECOND, List.of(Instant.parse("2026-11-01T00:00:00Z")));
    BackupResult unchanged = new BackupResult.Unchanged(FIRST);
    BackupResult rejected = new BackupResult.Rejected("the copy did not open");

    for (BackupResult result : List.of(uploaded, unchanged, rejected)) {
      assertThat(BackupWire.result(across(BackupWire.result(result)))).isEqualTo(result);
    }
  }

  @Test
  void aRestoreReportComesBackWithOrWithoutItsSafetyBackup() throws Exception {
    RestoreReport withSafety =
        new RestoreReport(FIRST, Optional.of(new BackupResult.Uploaded(SECOND, List.of())));
    RestoreReport without = new RestoreReport(FIRST, Optional.empty());

    assertThat(BackupWire.restore(across(BackupWire.restore(withSafety)))).isEqualTo(withSafety);
    assertThat(BackupWire.restore(across(BackupWire.restore(without)))).isEqualTo(without);
  }

  @Test
  void aDamagedAnswerIsABackupFormatException() {
    assertThatThrownBy(() -> BackupWire.result(across(Map.of("outcome", "exploded"))))
        .isInstanceOf(BackupFormatException.class);
    assertThatThrownBy(() -> BackupWire.result(across(Map.of("outcome", "uploaded"))))
        .isInstanceOf(BackupFormatException.class);
  }

  /** Through JSON text, as the cluster's RPC carries it. */
  private static JsonNode across(Map<String, ?> data) throws Exception {
    return JSON.readTree(JSON.writeValueAsBytes(data));
  }

  private static BackupManifest manifest(String created, long size, int seed) {
    byte[] sha = new byte[32];
    byte[] content = new byte[32];
    sha[0] = (byte) seed;
    content[31] = (byte) (seed + 7);
    return new BackupManifest(
        BackupManifest.FORMAT,
        "vault-" + seed,
        Instant.parse(created),
        size,
        sha,
        content,
        3,
        new byte[] {1, 2, 3, (byte) seed});
  }
}
