package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §1.3: an append that returned survives {@code kill -9}. A child process appends in a loop
 * from three threads (so writes share group commits) and is killed with SIGKILL after a random
 * (seeded) number of acknowledged appends, five times; after each kill the vault passes {@code
 * integrity_check}, holds every acknowledged message exactly once, and every message it holds is
 * whole.
 */
class CrashSafetyTest {

  private static final int ROUNDS = 5;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedAppendSurvivesSigkillExactlyOnce() throws Exception {
    Path vaults = dir.resolve("vaults");
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(vaults))) {
      store.create("crash", key, QuotaLedger.UNLIMITED).close();
    }
    Random random = new Random(20240601L);
    List<String> acknowledged = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 15 + random.nextInt(120);
      acknowledged.addAll(runAndKill(vaults, key, round, killAfter));
      assertVaultHolds(vaults, key, acknowledged);
    }
  }

  /** Starts the appender, kills it after {@code killAfter} acknowledgements, returns them all. */
  private List<String> runAndKill(Path vaults, byte[] key, int round, int killAfter)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CrashAppender.class.getName(),
            vaults.toString(),
            "crash",
            String.valueOf(round));
    builder.redirectError(dir.resolve("appender-" + round + ".err").toFile());
    Process child = builder.start();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(child::destroyForcibly, 60, TimeUnit.SECONDS);
    List<String> acks = new ArrayList<>();
    try {
      try (OutputStream in = child.getOutputStream()) {
        in.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        String line;
        while ((line = out.readLine()) != null) {
          acks.add(line);
          if (acks.size() == killAfter) {
            // SIGKILL on Linux. Through the handle, so the pipe stays open and the lines the
            // child printed before it died are still read.
            child.toHandle().destroyForcibly();
          }
        }
      }
      child.waitFor();
    } finally {
      watchdog.shutdownNow();
    }
    assertThat(acks)
        .as(
            "round %d acknowledged appends (stderr: %s)",
            round, Files.readString(dir.resolve("appender-" + round + ".err")))
        .hasSizeGreaterThanOrEqualTo(killAfter);
    assertThat(child.exitValue()).as("killed, not finished").isNotZero();
    return acks;
  }

  private static void assertVaultHolds(Path vaults, byte[] key, List<String> acknowledged)
      throws Exception {
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(vaults));
        Vault vault = store.open("crash", key, QuotaLedger.UNLIMITED)) {
      assertThat(vault.integrityCheck()).isEqualTo("ok");
      Map<String, Integer> counts = new HashMap<>();
      for (String folder : List.of("INBOX", "Archive")) {
        for (MessageMeta meta : vault.messages(folder, UidSet.all())) {
          String id = meta.messageId().substring(1, meta.messageId().length() - 1);
          counts.merge(id, 1, Integer::sum);
          String[] parts = id.substring(1, id.indexOf('@')).split("-");
          byte[] expected =
              CrashAppender.message(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
          assertThat(CrashAppender.folderOf(Integer.parseInt(parts[1]))).isEqualTo(folder);
          assertThat(vault.fetch(folder, meta.uid())).as("%s is whole", id).isEqualTo(expected);
        }
        FolderInfo info = vault.folder(folder);
        assertThat(info.messages()).isEqualTo(vault.uids(folder).length);
      }
      assertThat(counts.values()).as("no message twice").allMatch(n -> n == 1);
      assertThat(counts.keySet()).as("every acknowledged append").containsAll(acknowledged);
      // At most the appends in flight at the kill (one per appender thread) may be there without
      // their acknowledgement.
      assertThat(counts.size() - acknowledged.size()).isBetween(0, 5 * CrashAppender.THREADS);
      try (VaultConnection c = TestVaults.rawConnection(store, "crash", key);
          ResultSet orphans =
              c.bind(
                      "SELECT count(*) FROM contents c WHERE refcount !="
                          + " (SELECT count(*) FROM messages m WHERE m.content_id = c.id)")
                  .executeQuery()) {
        orphans.next();
        assertThat(orphans.getLong(1)).isZero();
      }
    }
  }
}
