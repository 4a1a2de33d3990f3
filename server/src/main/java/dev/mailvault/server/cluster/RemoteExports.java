package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.admin.AdminCalls;
import dev.mailvault.server.app.ExportAdminOperations;
import dev.mailvault.server.app.ExportWire;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.store.export.ExportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A front-end's exports (ADR 0262, 0286): each runs on the primary that owns the alias's vault, is
 * kept there, sealed, and reaches the browser piece by piece ({@link #CHUNK} at most per call), so
 * no whole export is ever in a front-end's memory. How many jobs may wait, and for how long, is the
 * primary's rule.
 *
 * <p>An id here is the vault's id and the primary's job id ({@code VAULT.JOB}), so any front-end
 * routes a later call about the job to the primary that runs it; vault ids are random and reveal
 * nothing (DESIGN §1). An id whose vault has no owner is not found without asking: a made-up id
 * never assigns a primary to a vault.
 */
public final class RemoteExports implements Exports {

  /** The most one read asks for: RPC answers stay small. */
  static final int CHUNK = ExportAdminOperations.MAX_READ;

  private static final Logger LOG = LoggerFactory.getLogger(RemoteExports.class);
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ClusterAdmin admin;
  private final Directory directory;
  private final int chunk;

  public RemoteExports(ClusterAdmin admin, Directory directory) {
    this(admin, directory, CHUNK);
  }

  /** With smaller pieces, for tests of a download in many of them. */
  RemoteExports(ClusterAdmin admin, Directory directory, int chunk) {
    this.admin = admin;
    this.directory = directory;
    this.chunk = chunk;
  }

  @Override
  public Status start(String owner, EmailAddress address, ExportFormat format, char[] password)
      throws MailvaultException {
    Optional<AliasRoute> alias = directory.findAlias(address);
    if (alias.isEmpty()) {
      // As on a node with every role: an unknown alias is a password that unlocks nothing.
      throw new WrongPasswordException();
    }
    Map<String, Object> args = new HashMap<>();
    args.put("owner", owner);
    args.put("address", address.toString());
    args.put("format", format.cliName());
    args.put("password", new String(password));
    return started(admin.onOwnerOf(alias.get().vaultId()).call("export.start", args, line -> {}));
  }

  @Override
  public Status start(String owner, UnlockedAlias alias, ExportFormat format, char[] sqlitePassword)
      throws MailvaultException {
    Map<String, Object> args = new HashMap<>();
    args.put("owner", owner);
    args.put("address", alias.address().toString());
    args.put("vault", alias.vaultId());
    args.put("format", format.cliName());
    args.put("dataKey", base64(alias.dataKey().bytes()));
    args.put("spoolKey", base64(alias.spoolPrivateKey().bytes()));
    if (sqlitePassword != null) {
      args.put("sqlitePassword", new String(sqlitePassword));
    }
    return started(admin.onOwnerOf(alias.vaultId()).call("export.start", args, line -> {}));
  }

  @Override
  public Optional<Status> status(String id, String owner) throws MailvaultException {
    Optional<Job> job = Job.parse(id);
    if (job.isEmpty() || !owned(job.get())) {
      return Optional.empty();
    }
    JsonNode result = job.get().calls(admin).call("export.status", job.get().args(owner), l -> {});
    return result.has("export")
        ? Optional.of(ExportWire.read(result.get("export"), id))
        : Optional.empty();
  }

  @Override
  public List<Status> list(String owner) throws MailvaultException {
    List<Status> all = new ArrayList<>();
    for (JsonNode primary : admin.onEachPrimary("export.list", Map.of("owner", owner))) {
      for (JsonNode export : primary.path("exports")) {
        all.add(read(export));
      }
    }
    all.sort(Comparator.comparing(Status::created));
    return all;
  }

  @Override
  public Optional<Exports.Download> take(String id, String owner) throws MailvaultException {
    Optional<Job> job = Job.parse(id);
    if (job.isEmpty() || !owned(job.get())) {
      return Optional.empty();
    }
    AdminCalls calls = job.get().calls(admin);
    JsonNode result = calls.call("export.take", job.get().args(owner), l -> {});
    if (!result.has("export")) {
      return Optional.empty();
    }
    return Optional.of(
        new Download(
            calls,
            job.get().args(owner),
            ExportWire.read(result.get("export"), id),
            result.path("fileName").asText(),
            result.path("length").asLong(),
            chunk));
  }

  /** Whether the job's vault has an owner, without assigning one. */
  private boolean owned(Job job) throws MailvaultException {
    return directory.clusterRegistry().currentOwner(job.vaultId()).isPresent();
  }

  private static Status started(JsonNode result) throws MailvaultException {
    return read(result.path("export"));
  }

  private static Status read(JsonNode export) throws MailvaultException {
    return ExportWire.read(
        export, new Job(ExportWire.vaultId(export), ExportWire.jobId(export)).id());
  }

  private static String base64(byte[] secret) {
    try {
      return Base64.getEncoder().encodeToString(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** A job as a front-end names it: its vault, and its id on the vault's primary. */
  private record Job(String vaultId, String jobId) {

    static Optional<Job> parse(String id) {
      int dot = id.indexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      Job job = new Job(id.substring(0, dot), id.substring(dot + 1));
      return RandomIds.isVaultId(job.vaultId) && JOB_ID.matcher(job.jobId).matches()
          ? Optional.of(job)
          : Optional.empty();
    }

    String id() {
      return vaultId + "." + jobId;
    }

    AdminCalls calls(ClusterAdmin admin) {
      return admin.onOwnerOf(vaultId);
    }

    Map<String, Object> args(String owner) {
      Map<String, Object> args = new HashMap<>();
      args.put("id", jobId);
      args.put("vault", vaultId);
      args.put("owner", owner);
      return args;
    }
  }

  /**
   * A finished export on its primary, read piece by piece as it is written out; closing deletes it
   * there.
   */
  private static final class Download implements Exports.Download {

    private final AdminCalls calls;
    private final Map<String, Object> job;
    private final Status status;
    private final String fileName;
    private final long length;
    private final int chunk;
    private final AtomicBoolean closed = new AtomicBoolean();

    Download(
        AdminCalls calls,
        Map<String, Object> job,
        Status status,
        String fileName,
        long length,
        int chunk) {
      this.calls = calls;
      this.job = job;
      this.status = status;
      this.fileName = fileName;
      this.length = length;
      this.chunk = chunk;
    }

    @Override
    public Status status() {
      return status;
    }

    @Override
    public String fileName() {
      return fileName;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      long offset = 0;
      while (offset < length) {
        Map<String, Object> args = new HashMap<>(job);
        args.put("offset", offset);
        args.put("max", chunk);
        byte[] piece;
        try {
          piece =
              Base64.getDecoder()
                  .decode(calls.call("export.read", args, l -> {}).path("data").asText(""));
        } catch (MailvaultException e) {
          throw new IOException("the primary's export could not be read: " + e.getMessage(), e);
        }
        if (piece.length == 0) {
          throw new IOException("the primary's export ended before its length");
        }
        out.write(piece);
        offset += piece.length;
      }
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        calls.call("export.discard", job, l -> {});
      } catch (MailvaultException e) {
        // The primary deletes an export nobody reads once its time is up.
        LOG.warn("an export download was not discarded on its primary: {}", e.getClass().getName());
      }
    }
  }
}
