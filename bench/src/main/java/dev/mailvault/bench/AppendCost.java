package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.ParsedMessage;
import dev.mailvault.store.content.ContentPreparer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Where the time of one append goes, in CPU time of the appending thread (which also runs SQLite's
 * native code), so that the split holds on a machine shared with other work where wall clock
 * figures swing: parsing ({@code MessageParser.parse}), cutting and compressing ({@code
 * ContentPreparer.prepare}), and the rest of {@code Vault.append}, which is the write transaction
 * (SQL, page encryption, WAL writes). WAL checkpoints run on another thread (ADR 0075), so the last
 * column gives the CPU time of the whole process per append as well (every thread: checkpoints, but
 * also the JIT and the garbage collector). A diagnostic for BENCHMARKS.md, not a target.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.mailvault.bench.AppendCost [--rounds N]}.
 */
public final class AppendCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AppendCost() {}

  public static void main(String[] args) throws MailvaultException {
    int rounds = args.length == 2 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 5;
    System.out.print(table(rounds));
  }

  /** The split as a Markdown table; each figure is from the last of {@code rounds} rounds. */
  static String table(int rounds) throws MailvaultException {
    SyntheticMail mail = new SyntheticMail(0xC057L);
    StringBuilder out = new StringBuilder();
    out.append(
        "| mail | parse | prepare (cut, zstd, SHA-256) | write transaction |"
            + " whole append | CPU-bound appends/s | process CPU per append |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    out.append(measure("10 KB text", 2000, rounds, n -> mail.textMessage(n, TextMailSource.SIZE)));
    byte[] attachment = mail.randomBytes(SyntheticMail.ONE_MB_ATTACHMENT);
    out.append(
        measure(
            "1 MB attachment",
            40,
            rounds,
            n -> {
              attachment[(int) (n % attachment.length)] ^= 1; // a distinct blob each time
              return mail.attachmentMessage(n, attachment);
            }));
    return out.toString();
  }

  /** Appends {@code count} messages per round into a fresh vault; prints the last round. */
  private static String measure(String name, int count, int rounds, LongFunction<byte[]> messages)
      throws MailvaultException {
    double parse = 0;
    double prepare = 0;
    double append = 0;
    double process = 0;
    long sequence = 0;
    for (int round = 0; round < rounds; round++) {
      byte[][] raw = new byte[count][];
      for (int i = 0; i < count; i++) {
        raw[i] = messages.apply(sequence++);
      }
      ParsedMessage[] parsed = new ParsedMessage[count];
      long t0 = cpu();
      for (int i = 0; i < count; i++) {
        parsed[i] = MessageParser.parse(raw[i]);
      }
      long t1 = cpu();
      for (int i = 0; i < count; i++) {
        ContentPreparer.prepare(raw[i], parsed[i].root());
      }
      long t2 = cpu();
      try (BenchVault vault = BenchVault.create("cost-", false)) {
        long t3 = cpu();
        long p3 = processCpu();
        for (int i = 0; i < count; i++) {
          vault.vault().append("INBOX", NewMessage.of(raw[i]));
        }
        long t4 = cpu();
        long p4 = processCpu();
        process = (p4 - p3) / 1e3 / count;
        parse = (t1 - t0) / 1e3 / count;
        prepare = (t2 - t1) / 1e3 / count;
        append = (t4 - t3) / 1e3 / count;
      }
    }
    double transaction = Math.max(0, append - parse - prepare);
    return String.format(
        Locale.ROOT,
        "| %s | %.0f µs | %.0f µs | %.0f µs | %.0f µs | %.0f | %.0f µs |%n",
        name,
        parse,
        prepare,
        transaction,
        append,
        1e6 / append,
        process);
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
