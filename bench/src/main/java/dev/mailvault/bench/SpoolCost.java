package dev.mailvault.bench;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Where one spool delivery's time goes (BENCHMARKS.md, "SMTP delivery"; ADR 0119): CPU time of
 * {@link SpoolSealer#seal} (X25519 + ML-KEM-768 encapsulation, HKDF, ChaCha20-Poly1305) and wall
 * time of a whole {@link SpoolStore#put} (seal, write, fsync of the file, rename, fsync of the
 * folder) on the disk under {@code --dir}, one thread, 10 KB and 100 KB items.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.mailvault.bench.SpoolCost --dir /var/tmp/x</pre>
 */
public final class SpoolCost {

  private static final int ROUNDS = 5;
  private static final int SEALS = 400;
  private static final int PUTS = 200;

  private SpoolCost() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length == 2 && args[0].equals("--dir") ? args[1] : "bench/target");
    Path root = Files.createTempDirectory(Files.createDirectories(dir), "spool-cost");
    SpoolKeyPair keys = SpoolKeyPair.generate();
    byte[] publicKey = keys.publicKey();
    SpoolStore store = new SpoolStore(root);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int size : new int[] {10_000, 100_000}) {
      byte[] raw = new byte[size];
      new Random(size).nextBytes(raw);
      byte[] aad = new byte[40];
      SpoolItem item =
          new SpoolItem(raw, Instant.now(), "sender@load.example", List.of("rcpt@bench.test"));
      for (int round = 1; round <= ROUNDS; round++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < SEALS; i++) {
          SpoolSealer.seal(publicKey, raw, aad);
        }
        long sealCpu = (threads.getCurrentThreadCpuTime() - cpu0) / SEALS;
        long wall0 = System.nanoTime();
        cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < PUTS; i++) {
          store.put("cost" + round, publicKey, item);
        }
        long putWall = (System.nanoTime() - wall0) / PUTS;
        long putCpu = (threads.getCurrentThreadCpuTime() - cpu0) / PUTS;
        if (round == ROUNDS) {
          System.out.printf(
              "%d bytes: seal CPU %d µs; put (seal + write + 2 fsync + rename) wall %d µs,"
                  + " CPU %d µs, one thread %.0f puts/s%n",
              size, sealCpu / 1000, putWall / 1000, putCpu / 1000, 1e9 / putWall);
        }
        store.deleteAll("cost" + round);
      }
    }
    Files.deleteIfExists(root);
  }
}
