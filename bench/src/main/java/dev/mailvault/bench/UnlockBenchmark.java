package dev.mailvault.bench;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.store.Vault;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a login costs, from the password to the first message on screen: {@code Directory.unlock}
 * (one Argon2id derivation and the AEAD unwraps), {@code VaultStore.open} of the alias's vault
 * (keyed connection, PRAGMAs, migration check), then what a client's first commands read (LIST,
 * SELECT INBOX with its UIDs, FETCH of the newest message's metadata and body), then close. The
 * vault is closed after every login, so each one opens it cold: new connections and an empty SQLite
 * page cache (the operating system's file cache stays warm, as on a busy server).
 *
 * <p>{@link #login} is the figure the target speaks of; {@link #unlockOnly} and {@link
 * #openAndFirstRead} split it in two.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class UnlockBenchmark {

  /** Messages in the vault's INBOX. */
  @Param({"1000"})
  public int messages;

  private LoginFixture fixture;

  @Setup(Level.Trial)
  public void createAlias() throws MailvaultException {
    fixture = LoginFixture.create(messages);
  }

  @TearDown(Level.Trial)
  public void deleteAlias() {
    fixture.close();
  }

  /** Unlock, open, first read, close: the whole login. */
  @Benchmark
  public void login(Blackhole blackhole) throws MailvaultException {
    try (UnlockedAlias alias = fixture.directory().unlock(LoginFixture.LOGIN, fixture.password())) {
      openAndRead(alias, blackhole);
    }
  }

  /** Unlock alone: the Argon2id derivation and the unwraps. */
  @Benchmark
  public void unlockOnly(Blackhole blackhole) throws MailvaultException {
    try (UnlockedAlias alias = fixture.directory().unlock(LoginFixture.LOGIN, fixture.password())) {
      blackhole.consume(alias.vaultId());
    }
  }

  /** Open, first read, close, with a key unlocked once beforehand. */
  @Benchmark
  public void openAndFirstRead(UnlockedKey key, Blackhole blackhole) throws MailvaultException {
    openAndRead(key.alias, blackhole);
  }

  private void openAndRead(UnlockedAlias alias, Blackhole blackhole) throws MailvaultException {
    byte[] key = alias.dataKey().bytes();
    try (Vault vault =
        fixture
            .store()
            .open(alias.vaultId(), key, fixture.directory().quotaLedger(alias.vaultId()))) {
      Arrays.fill(key, (byte) 0);
      List<FolderInfo> folders = vault.listFolders();
      long[] uids = vault.uids("INBOX");
      long newest = uids[uids.length - 1];
      List<MessageMeta> meta = vault.messages("INBOX", UidSet.of(newest));
      byte[] body = vault.fetch("INBOX", newest);
      blackhole.consume(folders);
      blackhole.consume(meta);
      blackhole.consume(body);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The alias unlocked once per trial, for {@link #openAndFirstRead}. */
  @State(Scope.Benchmark)
  public static class UnlockedKey {
    UnlockedAlias alias;

    @Setup(Level.Trial)
    public void unlock(UnlockBenchmark benchmark) throws MailvaultException {
      alias =
          benchmark.fixture.directory().unlock(LoginFixture.LOGIN, benchmark.fixture.password());
    }

    @TearDown(Level.Trial)
    public void lock() {
      alias.close();
    }
  }
}
