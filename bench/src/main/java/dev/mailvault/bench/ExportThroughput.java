package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.store.TransferListener;
import dev.mailvault.store.export.ExportFormat;
import dev.mailvault.store.export.ExportReport;
import dev.mailvault.store.export.MailExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Export throughput: fills a fresh vault with N plain-text letters of about 10 KB (default 10,000)
 * in a few folders, then exports it to each format {@code runs} times (default 3; the first run of
 * each format is a warm-up and not reported) and prints messages/s and MB/s of message bytes as a
 * Markdown table, with the load average before and after. A tool, not a test: timings are never
 * asserted.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.mailvault.bench.ExportThroughput
 * [--messages N] [--runs R]}; vault and export files go under {@code $MAILVAULT_BENCH_DIR} and are
 * deleted afterwards.
 */
public final class ExportThroughput {

  private static final String[] FOLDERS = {"INBOX", "Archive/2024", "Archive/2025", "Lists/dev"};

  private ExportThroughput() {}

  public static void main(String[] args) throws IOException, MailvaultException {
    int messages = 10_000;
    int runs = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: ExportThroughput [--messages N] [--runs R]");
          System.exit(2);
        }
      }
    }
    String loadBefore = loadAverage();
    StringBuilder table = new StringBuilder();
    table.append("| format | messages | message MB | file MB | best s | messages/s | MB/s |\n");
    table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    try (BenchVault bench = BenchVault.create("export-", false)) {
      long raw = fill(bench, messages);
      Path dir = bench.store().config().vaultsDir().getParent();
      for (ExportFormat format : ExportFormat.values()) {
        double best = Double.MAX_VALUE;
        long fileBytes = 0;
        for (int run = 0; run <= runs; run++) {
          Path file = dir.resolve("export-" + run + "." + format.cliName());
          long start = System.nanoTime();
          ExportReport report =
              MailExport.export(
                  bench.vault(),
                  format,
                  file,
                  "bench password".toCharArray(),
                  TransferListener.NONE);
          double seconds = (System.nanoTime() - start) / 1e9;
          fileBytes = report.fileBytes();
          Files.delete(file);
          if (run > 0) {
            best = Math.min(best, seconds);
          }
        }
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %.1f | %.1f | %.2f | %,.0f | %.1f |%n",
                format.cliName(),
                messages,
                raw / 1e6,
                fileBytes / 1e6,
                best,
                messages / best,
                raw / 1e6 / best));
      }
    }
    System.out.print(table);
    System.out.println();
    System.out.println("load average before: " + loadBefore + "; after: " + loadAverage());
  }

  private static long fill(BenchVault bench, int count) throws MailvaultException {
    SyntheticMail mail = new SyntheticMail(0xE4907L);
    for (int f = 1; f < FOLDERS.length; f++) {
      bench.vault().createFolder(FOLDERS[f]);
    }
    long raw = 0;
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] message = mail.textMessage(i, TextMailSource.SIZE);
      raw += message.length;
      Flags flags = i % 3 == 0 ? Flags.of(SystemFlag.SEEN) : Flags.NONE;
      batch.add(new NewMessage(message, flags, Instant.ofEpochSecond(1_700_000_000L + i * 60L)));
      if (batch.size() == 200 || i == count - 1) {
        bench.vault().appendAll(FOLDERS[(i / 200) % FOLDERS.length], batch);
        batch.clear();
      }
    }
    return raw;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
