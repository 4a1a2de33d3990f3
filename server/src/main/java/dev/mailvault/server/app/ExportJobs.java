package dev.mailvault.server.app;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.export.ExportFormat;
import dev.mailvault.store.export.MailExport;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exports (mbox, eml-zip, sqlite) that run in the background for the API and the My account page
 * (ADR 0262). A job opens the alias's vault when it is started (with the password, or from an
 * already {@link UnlockedAlias}), writes the export through a {@link SealedFile} so no plaintext
 * reaches the disk, counts messages done against the total, and keeps the result for its owner
 * until it is downloaded once or {@link #KEEP} has passed; then it is deleted.
 *
 * <p>Concurrency: jobs run on one thread of their own, one after another; status reads are lock
 * free (atomics); a download takes the job out of the map first, so it happens once.
 */
public final class ExportJobs implements Exports, AutoCloseable {

  /** How long a finished export waits for its download. */
  public static final Duration KEEP = Duration.ofHours(1);

  /** At most this many jobs are kept (running, queued or waiting for download). */
  public static final int MAX_JOBS = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;
  private final VaultStore vaults;
  private final SpoolStore spool;
  private final Path temp;
  private final Clock clock;
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "export-jobs");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param temp where the sealed exports wait (the node's temp area)
   */
  public ExportJobs(
      Directory directory, VaultStore vaults, SpoolStore spool, Path temp, Clock clock) {
    this.directory = directory;
    this.vaults = vaults;
    this.spool = spool;
    this.temp = temp;
    this.clock = clock;
  }

  /** A job's status with the vault it exports, for the operations a front-end calls. */
  record Placed(Status status, String vaultId) {}

  @Override
  public Status start(String owner, EmailAddress address, ExportFormat format, char[] password)
      throws MailvaultException {
    try (UnlockedAlias alias = directory.unlock(address.toString(), password)) {
      return start(owner, alias, format, password);
    } catch (AuthenticationFailedException e) {
      throw new WrongPasswordException();
    }
  }

  @Override
  public Status start(String owner, UnlockedAlias alias, ExportFormat format, char[] sqlitePassword)
      throws MailvaultException {
    sweep();
    if (jobs.size() >= MAX_JOBS) {
      throw new MailvaultException("too many exports are waiting; try again later");
    }
    if (format == ExportFormat.SQLITE && (sqlitePassword == null || sqlitePassword.length == 0)) {
      throw new MailvaultException("a sqlite export needs the alias's password");
    }
    Vault vault = open(alias);
    String id = newId();
    Job job;
    try {
      long[] totals = MailExport.totals(vault);
      Instant now = clock.instant();
      job =
          new Job(
              id,
              owner,
              alias.address().toString(),
              alias.vaultId(),
              format,
              totals[0],
              now,
              now.plus(KEEP),
              new SealedFile(temp.resolve("export-" + id + ".sealed")));
      jobs.put(id, job);
    } catch (MailvaultException | RuntimeException e) {
      vault.close();
      throw e;
    }
    char[] key = sqlitePassword == null ? null : sqlitePassword.clone();
    runner.execute(() -> run(job, vault, key));
    return job.status();
  }

  @Override
  public Optional<Status> status(String id, String owner) {
    return placed(id, owner).map(Placed::status);
  }

  @Override
  public List<Status> list(String owner) {
    return placed(owner).stream().map(Placed::status).toList();
  }

  @Override
  public Optional<Exports.Download> take(String id, String owner) {
    return takeDownload(id, owner).map(Exports.Download.class::cast);
  }

  /** {@link #status} with the job's vault. */
  Optional<Placed> placed(String id, String owner) {
    sweep();
    Job job = jobs.get(id);
    return job == null || !job.owner.equals(owner) ? Optional.empty() : Optional.of(job.placed());
  }

  /** {@link #list} with each job's vault. */
  List<Placed> placed(String owner) {
    sweep();
    List<Placed> mine = new ArrayList<>();
    for (Job job : jobs.values()) {
      if (job.owner.equals(owner)) {
        mine.add(job.placed());
      }
    }
    mine.sort(Comparator.comparing(p -> p.status().created()));
    return mine;
  }

  /** {@link #take}, as the download that can also be read piece by piece. */
  Optional<Download> takeDownload(String id, String owner) {
    sweep();
    Job job = jobs.get(id);
    if (job == null || !job.owner.equals(owner) || job.state.get() != State.DONE) {
      return Optional.empty();
    }
    if (!jobs.remove(id, job)) {
      return Optional.empty();
    }
    return Optional.of(new Download(job));
  }

  /** Deletes the jobs whose time is up. */
  public void sweep() {
    Instant now = clock.instant();
    for (Job job : new ArrayList<>(jobs.values())) {
      if (!now.isBefore(job.expires) && job.state.get() != State.RUNNING) {
        if (jobs.remove(job.id, job)) {
          job.file.close();
        }
      }
    }
  }

  /** A finished export's bytes, once; closing deletes them. */
  public static final class Download implements Exports.Download {
    private final Job job;

    private Download(Job job) {
      this.job = job;
    }

    @Override
    public Status status() {
      return job.status();
    }

    @Override
    public String fileName() {
      String ext =
          switch (job.format) {
            case MBOX -> "mbox";
            case EML_ZIP -> "zip";
            case SQLITE -> "sqlite";
          };
      return "export-" + job.id + "." + ext;
    }

    @Override
    public long length() {
      return job.file.size();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      job.file.copyTo(out);
    }

    /** Up to {@code max} bytes from {@code offset}: a piece for a front-end (ADR 0286). */
    byte[] read(long offset, int max) throws IOException {
      return job.file.read(offset, max);
    }

    String vaultId() {
      return job.vaultId;
    }

    @Override
    public void close() {
      job.file.close();
    }
  }

  private void run(Job job, Vault vault, char[] sqlitePassword) {
    try (vault) {
      if (job.format == ExportFormat.SQLITE) {
        Path plain = temp.resolve("export-" + job.id + ".sqlite");
        try {
          MailExport.export(
              vault, job.format, plain, sqlitePassword, (m, b) -> job.done.addAndGet(m));
          job.file.copyFrom(plain);
        } finally {
          Files.deleteIfExists(plain);
          Files.deleteIfExists(plain.resolveSibling(plain.getFileName() + "-journal"));
        }
      } else {
        try (OutputStream out = job.file.writer()) {
          MailExport.exportTo(vault, job.format, out, (m, b) -> job.done.addAndGet(m));
        }
      }
      job.state.set(State.DONE);
    } catch (IOException | MailvaultException | RuntimeException e) {
      job.error.set(e instanceof MailvaultException ? e.getMessage() : "the export failed");
      job.state.set(State.FAILED);
      job.file.close();
    } finally {
      if (sqlitePassword != null) {
        Arrays.fill(sqlitePassword, '\0');
      }
    }
  }

  private Vault open(UnlockedAlias alias) throws MailvaultException {
    MailboxAccess opened =
        new LocalMailAccess(vaults, spool)
            .open(
                alias.vaultId(),
                alias.dataKey(),
                alias.spoolPrivateKey(),
                directory.quotaLedger(alias.vaultId()));
    if (!(opened instanceof Vault vault)) {
      opened.close();
      throw new IllegalStateException("the local mail access opened no local vault");
    }
    return vault;
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static final class Job {
    final String id;
    final String owner;
    final String address;
    final String vaultId;
    final ExportFormat format;
    final long total;
    final Instant created;
    final Instant expires;
    final SealedFile file;
    final AtomicLong done = new AtomicLong();
    final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    final AtomicReference<String> error = new AtomicReference<>();

    Job(
        String id,
        String owner,
        String address,
        String vaultId,
        ExportFormat format,
        long total,
        Instant created,
        Instant expires,
        SealedFile file) {
      this.id = id;
      this.owner = owner;
      this.address = address;
      this.vaultId = vaultId;
      this.format = format;
      this.total = total;
      this.created = created;
      this.expires = expires;
      this.file = file;
    }

    Status status() {
      return new Status(
          id,
          address,
          format,
          state.get(),
          done.get(),
          total,
          file.size(),
          Optional.ofNullable(error.get()),
          created,
          expires);
    }

    Placed placed() {
      return new Placed(status(), vaultId);
    }
  }

  @Override
  public void close() {
    runner.shutdownNow();
    for (Job job : new ArrayList<>(jobs.values())) {
      jobs.remove(job.id);
      job.file.close();
    }
  }
}
