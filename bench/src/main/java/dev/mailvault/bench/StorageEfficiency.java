package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.VaultStats;
import java.io.IOException;
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
 * into the main file, and divides the size of the vault file with its {@code -wal} and {@code -shm}
 * by the raw size of the messages (their .eml bytes as received). Not a timing, so not a JMH
 * benchmark.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.mailvault.bench.StorageEfficiency [--text N]
 * [--incompressible N] [--corpus DIR]}; the corpus defaults to the repository's {@code
 * core/src/test/resources/mime-corpus} (run from the repository root), and is skipped when missing.
 * Prints a Markdown table.
 */
public final class StorageEfficiency {

  /** The sets of mail measured. */
  enum Kind {
    EMPTY("empty vault (fixed cost)"),
    TEXT("plain text, ~10 KB letters"),
    INCOMPRESSIBLE("incompressible: ~1 MB, random bytes in base64"),
    CORPUS("MIME test corpus");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** What to measure: message counts and where the corpus is. */
  record Settings(int text, int incompressible, Path corpus) {
    static Settings parse(String... args) {
      int text = 2000;
      int incompressible = 100;
      Path corpus = Paths.get("core/src/test/resources/mime-corpus");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--text" -> text = Integer.parseInt(args[++i]);
          case "--incompressible" -> incompressible = Integer.parseInt(args[++i]);
          case "--corpus" -> corpus = Paths.get(args[++i]);
          default ->
              throw new IllegalArgumentException(
                  "usage: StorageEfficiency [--text N] [--incompressible N] [--corpus DIR]");
        }
      }
      return new Settings(text, incompressible, corpus);
    }
  }

  /** One measured set of messages. */
  record Result(Kind kind, int messages, long rawBytes, long diskBytes, VaultStats stats) {
    double ratio() {
      return (double) diskBytes / rawBytes;
    }
  }

  private StorageEfficiency() {}

  public static void main(String[] args) throws IOException, MailvaultException {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(table(measureAll(settings)));
  }

  static List<Result> measureAll(Settings settings) throws IOException, MailvaultException {
    List<Result> results = new ArrayList<>();
    results.add(measure(Kind.EMPTY, 0, n -> null));
    SyntheticMail textMail = new SyntheticMail(0x7E47L);
    results.add(
        measure(Kind.TEXT, settings.text(), n -> textMail.textMessage(n, TextMailSource.SIZE)));
    SyntheticMail binaryMail = new SyntheticMail(0xB1A4L);
    results.add(
        measure(
            Kind.INCOMPRESSIBLE,
            settings.incompressible(),
            n ->
                binaryMail.attachmentMessage(
                    n, binaryMail.randomBytes(SyntheticMail.ONE_MB_ATTACHMENT))));
    if (Files.isDirectory(settings.corpus())) {
      List<byte[]> eml = readCorpus(settings.corpus());
      results.add(measure(Kind.CORPUS, eml.size(), n -> eml.get((int) n)));
    }
    return results;
  }

  /** Appends {@code count} messages made by {@code messages} to a fresh vault and measures it. */
  static Result measure(Kind kind, int count, LongFunction<byte[]> messages)
      throws MailvaultException {
    try (BenchVault vault = BenchVault.create("storage-", false)) {
      long raw = 0;
      for (int i = 0; i < count; i++) {
        byte[] message = messages.apply(i);
        raw += message.length;
        vault.vault().append("INBOX", NewMessage.of(message));
      }
      vault.vault().checkpoint();
      return new Result(kind, count, raw, vault.bytesOnDisk(), vault.vault().stats());
    }
  }

  /**
   * The results as a Markdown table. "Content" is what the message bytes take after compression
   * (segments and blob chunks); "other per message" is the rest of "on disk" beyond the empty
   * vault: metadata, indexes and page slack.
   */
  static String table(List<Result> results) {
    long fixed =
        results.stream()
            .filter(r -> r.kind() == Kind.EMPTY)
            .mapToLong(Result::diskBytes)
            .findFirst()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    out.append(
        "| mail | messages | raw bytes | on disk | disk / raw | content / raw |"
            + " other per message |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      boolean some = r.rawBytes() > 0;
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,d | %,d | %s | %s | %s |%n",
              r.kind().label,
              r.messages(),
              r.rawBytes(),
              r.diskBytes(),
              some ? String.format(Locale.ROOT, "%.3f", r.ratio()) : "n/a",
              some
                  ? String.format(
                      Locale.ROOT, "%.3f", (double) r.stats().storedBytes() / r.rawBytes())
                  : "n/a",
              r.messages() > 0
                  ? String.format(
                      Locale.ROOT,
                      "%,d B",
                      (r.diskBytes() - fixed - r.stats().storedBytes()) / r.messages())
                  : "n/a"));
    }
    return out.toString();
  }

  private static List<byte[]> readCorpus(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> eml =
          files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList();
      List<byte[]> messages = new ArrayList<>(eml.size());
      for (Path f : eml) {
        messages.add(Files.readAllBytes(f));
      }
      return messages;
    }
  }
}
