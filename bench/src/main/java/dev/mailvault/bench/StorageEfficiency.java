package dev.mailvault.bench;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.NewMessage;
import dev.mailvault.store.VaultStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Bytes on disk per byte of mail: appends a set of messages to a fresh vault, checkpoints the WAL
 * into the main file, and divides the size of the vault file with its {@code -wal} and {@code
 * -shm} by the raw size of the messages (their .eml bytes as received). Not a timing, so not a
 * JMH benchmark.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.mailvault.bench.StorageEfficiency [--text N]
 * [--incompressible N] [--corpus DIR]}; the corpus defaults to {@code mime/} under the system
 * property {@code mailvault.testdata}, else {@code ../shared/testdata/mime}, and is skipped when
 * missing. Prints a Markdown table.
 */
public final class StorageEfficiency {

  /** One measured set of messages. */
  record Result(String name, int messages, long rawBytes, long diskBytes, VaultStats stats) {
    double ratio() {
      return (double) diskBytes / rawBytes;
    }
  }

  private StorageEfficiency() {}

  public static void main(String[] args) throws IOException, MailvaultException {
    int text = 2000;
    int incompressible = 100;
    Path corpus = Paths.get(System.getProperty("mailvault.testdata", "../shared/testdata"), "mime");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--text" -> text = Integer.parseInt(args[++i]);
        case "--incompressible" -> incompressible = Integer.parseInt(args[++i]);
        case "--corpus" -> corpus = Paths.get(args[++i]);
        default -> {
          System.err.println("usage: StorageEfficiency [--text N] [--incompressible N] [--corpus DIR]");
          System.exit(2);
        }
      }
    }
    List<Result> results = new ArrayList<>();
    results.add(measure("empty vault (fixed cost)", 0, n -> null));
    SyntheticMail textMail = new SyntheticMail(0x7E47L);
    results.add(measure("plain text, 10 KB letters", text,
        n -> textMail.textMessage(n, TextMailSource.SIZE)));
    SyntheticMail binaryMail = new SyntheticMail(0xB1A4L);
    results.add(measure("incompressible, 1 MB random base64 attachment", incompressible,
        n -> binaryMail.attachmentMessage(
            n, binaryMail.randomBytes(SyntheticMail.ONE_MB_ATTACHMENT))));
    if (Files.isDirectory(corpus)) {
      List<byte[]> eml = readCorpus(corpus);
      results.add(measure("MIME test corpus (" + corpus.getFileName() + ")", eml.size(),
          n -> eml.get((int) n)));
    }
    print(results, System.out);
  }

  /** Appends {@code count} messages made by {@code messages} to a fresh vault and measures it. */
  static Result measure(String name, int count, LongFunction<byte[]> messages)
      throws MailvaultException {
    try (BenchVault vault = BenchVault.create("storage-", false)) {
      long raw = 0;
      for (int i = 0; i < count; i++) {
        byte[] message = messages.apply(i);
        raw += message.length;
        vault.vault().append("INBOX", NewMessage.of(message));
      }
      vault.vault().checkpoint();
      return new Result(name, count, raw, vault.bytesOnDisk(), vault.vault().stats());
    }
  }

  static void print(List<Result> results, PrintStream out) {
    out.println("| mail | messages | raw bytes | on disk | disk / raw | content after"
        + " compression / raw |");
    out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (Result r : results) {
      String ratio = r.rawBytes == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", r.ratio());
      String content = r.rawBytes == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f",
          (double) r.stats.storedBytes() / r.rawBytes);
      out.printf(Locale.ROOT, "| %s | %d | %,d | %,d | %s | %s |%n",
          r.name, r.messages, r.rawBytes, r.diskBytes, ratio, content);
    }
  }

  private static List<byte[]> readCorpus(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> eml = files.filter(f -> f.getFileName().toString().endsWith(".eml"))
          .sorted().toList();
      List<byte[]> messages = new ArrayList<>(eml.size());
      for (Path f : eml) {
        messages.add(Files.readAllBytes(f));
      }
      return messages;
    }
  }
}
