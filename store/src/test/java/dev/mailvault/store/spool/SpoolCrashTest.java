package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.mail.UidSet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5: a put that returned survives {@code kill -9}, and a put cut short leaves no listed
 * item. A child process puts items in a loop and is killed with SIGKILL after a random (seeded)
 * number of acknowledged puts, five times; afterwards every acknowledged id is listed and opens to
 * its message, every listed item opens, and a drain stores them all and leaves the folder empty.
 * (SIGKILL keeps the page cache; the fsyncs that guard against power loss are not exercised here.)
 */
class SpoolCrashTest {

  private static final int ROUNDS = 5;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedPutSurvivesSigkillAndNoPartialItemIsListed() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      Random random = new Random(20261122L);
      Map<String, Integer> acknowledged = new HashMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        int killAfter = 5 + random.nextInt(40);
        acknowledged.putAll(runAndKill(f, keys.publicKey(), round, killAfter));
      }

      var listed = f.spool.list(f.vaultId);
      assertThat(listed).as("every acknowledged put").containsAll(acknowledged.keySet());
      // At most the one put in flight at each kill may be there without its acknowledgement.
      assertThat(listed.size() - acknowledged.size()).isBetween(0, ROUNDS);
      for (String id : listed) {
        SpoolItem item = f.spool.open(f.vaultId, id, keys.privateKey());
        Integer n = acknowledged.get(id);
        if (n != null) {
          assertThat(item.raw()).as("item %d is whole", n).isEqualTo(SpoolPutter.item(n).raw());
        }
      }

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(result.count()).isEqualTo(listed.size());
      assertThat(result.unreadable()).isEmpty();
      assertThat(f.vault.messages("INBOX", UidSet.all())).hasSize(listed.size());
      // Every killed putter's segment, torn tail and all, went once its items were in.
      try (Stream<Path> files = Files.list(f.spool.folderOf(f.vaultId))) {
        assertThat(files).isEmpty();
      }
    }
  }

  /** Starts the putter, kills it after {@code killAfter} acknowledgements, returns them all. */
  private Map<String, Integer> runAndKill(
      SpoolFixture f, byte[] publicKey, int round, int killAfter) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = dir.resolve("putter-" + round + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            SpoolPutter.class.getName(),
            f.spoolRoot.toString(),
            f.vaultId,
            String.valueOf(round));
    builder.redirectError(err.toFile());
    Process child = builder.start();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(child::destroyForcibly, 60, TimeUnit.SECONDS);
    Map<String, Integer> acks = new HashMap<>();
    try {
      try (OutputStream in = child.getOutputStream()) {
        in.write((HexFormat.of().formatHex(publicKey) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        String line;
        while ((line = out.readLine()) != null) {
          String[] parts = line.split(" ");
          acks.put(parts[0], Integer.parseInt(parts[1]));
          if (acks.size() == killAfter) {
            // SIGKILL on Linux, through the handle so the lines already printed are still read.
            child.toHandle().destroyForcibly();
          }
        }
      }
      child.waitFor();
    } finally {
      watchdog.shutdownNow();
    }
    assertThat(acks)
        .as("round %d acknowledged puts (stderr: %s)", round, Files.readString(err))
        .hasSizeGreaterThanOrEqualTo(killAfter);
    assertThat(child.exitValue()).as("killed, not finished").isNotZero();
    return acks;
  }
}
