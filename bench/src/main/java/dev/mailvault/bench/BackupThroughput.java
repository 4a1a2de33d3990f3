package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.backup.BackupCatalog;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupRestore;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import dev.mailvault.store.backup.VaultBackup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Backup and restore throughput of one large vault (a tool, not a test; BENCHMARKS.md "Backups"):
 * builds a vault of about {@code --mb} MB from ~100 KB messages whose bodies are base64 of random
 * bytes (mostly incompressible, none de-duplicated), then times {@code --rounds} full backups
 * (writer turn + {@code VACUUM INTO}, read-only quick_check and content digest, SHA-256, store into
 * a local-folder target) and as many restores (download, SHA-256, key check and quick_check, swap
 * in), changing one message between rounds so every backup is stored. MB/s is the vault file's size
 * over the wall time. The load average is printed with the figures: the machine is shared.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.mailvault.bench.BackupThroughput [--mb 1024]
 *     [--rounds 3] [--dir DIR]</pre>
 */
public final class BackupThroughput {

  private static final int MESSAGE_BYTES = 100 * 1024;

  public static void main(String[] args) throws Exception {
    long megabytes = 1024;
    int rounds = 3;
    Path dir =
        Path.of(System.getenv().getOrDefault("MAILVAULT_BENCH_DIR", "bench/target/bench-data"));
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--mb":
          megabytes = Long.parseLong(args[i + 1]);
          break;
        case "--rounds":
          rounds = Integer.parseInt(args[i + 1]);
          break;
        case "--dir":
          dir = Path.of(args[i + 1]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path root = Files.createTempDirectory(Files.createDirectories(dir), "backup-bench-");
    try {
      run(root, megabytes, rounds);
    } finally {
      deleteTree(root);
    }
  }

  private static void run(Path root, long megabytes, int rounds) throws Exception {
    byte[] key = new byte[32];
    new SplittableRandom(42).nextBytes(key);
    SplittableRandom random = new SplittableRandom(7);
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(root.resolve("vaults")));
        LocalDirectoryTarget target = new LocalDirectoryTarget(root.resolve("backups"))) {
      BackupCatalog catalog = new BackupCatalog(target);
      VaultBackup backup =
          new VaultBackup(
              catalog, root.resolve("staging"), GenerationPolicy.DEFAULT, Clock.systemUTC());
      BackupRestore restore = new BackupRestore(catalog, root.resolve("staging"));
      long messages = megabytes * 1024 * 1024 / MESSAGE_BYTES;
      long started = System.nanoTime();
      try (Vault vault = store.create("bench", key, QuotaLedger.UNLIMITED)) {
        for (long n = 0; n < messages; ) {
          List<NewMessage> batch = new ArrayList<>();
          for (int i = 0; i < 20 && n < messages; i++, n++) {
            batch.add(message(n, random));
          }
          vault.appendAll("INBOX", batch);
        }
        vault.checkpoint();
      }
      double vaultMb = Files.size(store.fileOf("bench")) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "vault: %d messages, %.0f MB on disk, built in %.0f s; load %s%n",
          messages,
          vaultMb,
          (System.nanoTime() - started) / 1e9,
          load());
      phases(store, key, root.resolve("phases.tmp"));
      for (int round = 1; round <= rounds; round++) {
        BackupManifest manifest;
        long t0;
        try (Vault vault = store.open("bench", key, QuotaLedger.UNLIMITED)) {
          vault.append("INBOX", message(messages + round, random)); // so this backup is stored
          t0 = System.nanoTime();
          BackupResult result = backup.backUp(vault, new byte[] {1});
          if (!(result instanceof BackupResult.Uploaded up)) {
            throw new IllegalStateException("backup not stored: " + result);
          }
          manifest = up.manifest();
        }
        double backupSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Path checked = restore.fetchChecked(manifest, key);
        store.replace("bench", checked);
        double restoreSeconds = (System.nanoTime() - t1) / 1e9;
        double mb = manifest.size() / 1e6;
        System.out.printf(
            Locale.ROOT,
            "round %d: backup %.0f MB in %.1f s = %.0f MB/s; restore %.1f s = %.0f MB/s; load %s%n",
            round,
            mb,
            backupSeconds,
            mb / backupSeconds,
            restoreSeconds,
            mb / restoreSeconds,
            load());
      }
    }
  }

  /** Where a backup's time goes: the copy in the writer turn, the check, the hash. */
  private static void phases(VaultStore store, byte[] key, Path copy) throws Exception {
    try (Vault vault = store.open("bench", key, QuotaLedger.UNLIMITED)) {
      long t0 = System.nanoTime();
      vault.copyTo(copy);
      long t1 = System.nanoTime();
      vault.checkCopy(copy);
      long t2 = System.nanoTime();
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      try (var in = new java.security.DigestInputStream(Files.newInputStream(copy), sha)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      long t3 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "phases: VACUUM INTO (writer turn) %.1f s, quick_check + content digest %.1f s,"
              + " SHA-256 %.1f s; load %s%n",
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          (t3 - t2) / 1e9,
          load());
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static NewMessage message(long n, SplittableRandom random) {
    byte[] noise = new byte[MESSAGE_BYTES * 3 / 4 - 300];
    random.nextBytes(noise);
    String body = Base64.getMimeEncoder().encodeToString(noise);
    String raw =
        "From: bench@example.org\r\nTo: hello@example.com\r\nSubject: backup bench "
            + n
            + "\r\nMessage-ID: <"
            + n
            + "@bench>\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + body
            + "\r\n";
    return new NewMessage(raw.getBytes(StandardCharsets.US_ASCII), Flags.NONE, Instant.now());
  }

  private static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
