package dev.mailvault.bench;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.Vault;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends per second into INBOX of one vault through {@code Vault.append}, the path IMAP APPEND and
 * local delivery take: parse, cut into segments, compress, hash, then one write transaction. The
 * vault lives for the whole trial, so it grows as a real mailbox does (tens of thousands of 10 KB
 * messages by the end of a run).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@State(Scope.Benchmark)
public class AppendBenchmark {

  /** {@code true} runs with {@code synchronous=FULL} (an fsync per commit) instead of NORMAL. */
  @Param({"false"})
  public boolean synchronousFull;

  /**
   * The quota ledger appends reserve against: {@code unlimited} measures the vault alone; {@code
   * directory} adds what a server does per append, a reservation in the SQLite directory (its own
   * write transaction).
   */
  @Param({"unlimited"})
  public String ledger;

  private Vault vault;
  private AutoCloseable files;

  @Setup(Level.Trial)
  public void openVault() throws MailvaultException {
    switch (ledger) {
      case "unlimited" -> {
        BenchVault bench = BenchVault.create("append-", synchronousFull);
        vault = bench.vault();
        files = bench;
      }
      case "directory" -> {
        LoginFixture fixture = LoginFixture.create(0, synchronousFull);
        vault = fixture.login();
        files = fixture;
      }
      default -> throw new IllegalArgumentException("ledger is unlimited or directory");
    }
  }

  @TearDown(Level.Trial)
  public void deleteVault() throws Exception {
    vault.close();
    files.close();
  }

  /** One client appending 10 KB plain-text letters, one after another. */
  @Benchmark
  public AppendResult text10k(TextMailSource mail) throws MailvaultException {
    return vault.append("INBOX", mail.next());
  }

  /**
   * Two clients appending 10 KB letters at once into the same vault: parsing and compressing
   * overlap, the single writer serializes the SQL.
   */
  @Benchmark
  @Threads(2)
  public AppendResult text10kTwoClients(TextMailSource mail) throws MailvaultException {
    return vault.append("INBOX", mail.next());
  }

  /**
   * Two clients appending 10 KB letters at once, each into its own mailbox: what a server on two
   * cores sustains across users, since vaults share no writer. (Without a quota ledger.)
   */
  @Benchmark
  @Threads(2)
  public AppendResult text10kTwoMailboxes(OwnVault own, TextMailSource mail)
      throws MailvaultException {
    return own.vault.append("INBOX", mail.next());
  }

  /** A vault of one benchmark thread's own, with the trial's settings. */
  @State(Scope.Thread)
  public static class OwnVault {
    private BenchVault bench;
    Vault vault;

    @Setup(Level.Trial)
    public void open(AppendBenchmark settings) throws MailvaultException {
      bench = BenchVault.create("append-own-", settings.synchronousFull);
      vault = bench.vault();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      vault.close();
      bench.close();
    }
  }

  /** One client appending 1 MB messages, each with its own random base64 attachment. */
  @Benchmark
  public AppendResult attachment1m(AttachmentMailSource mail) throws MailvaultException {
    return vault.append("INBOX", mail.next());
  }
}
