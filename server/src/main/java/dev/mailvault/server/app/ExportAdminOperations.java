package dev.mailvault.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.store.export.ExportFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The node's {@link ExportJobs} as admin operations, for a cluster's front-ends (ADR 0262, 0286):
 * {@code export.start} (with the password, or with a My account session's keys and the password of
 * a sqlite export), {@code export.status}, {@code export.list}, and a download in pieces: {@code
 * export.take} takes the job out of the list, as {@link ExportJobs#take} does, {@code export.read}
 * returns one piece of it and {@code export.discard} deletes it, as closing the download does.
 *
 * <p>A taken export the front-end never discards (it went away mid-download) is deleted once it has
 * not been read for {@link ExportJobs#KEEP}. Every call is about one job of one owner: another
 * owner's job, or one of another vault, is not found, the same answer as a job that never was.
 */
public final class ExportAdminOperations implements AutoCloseable {

  /** The most one {@code export.read} returns: RPC answers stay small (ADR 0286). */
  public static final int MAX_READ = 1024 * 1024;

  private final ExportJobs jobs;
  private final Clock clock;
  private final ConcurrentHashMap<String, Taken> taken = new ConcurrentHashMap<>();

  private ExportAdminOperations(ExportJobs jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /**
   * Registers the operations on {@code jobs}.
   *
   * @return what deletes the exports taken and not yet discarded, when the node closes
   */
  public static ExportAdminOperations register(
      AdminOperations registry, ExportJobs jobs, Clock clock) {
    ExportAdminOperations ops = new ExportAdminOperations(jobs, clock);
    registry.register("export.start", ops::start);
    registry.register("export.status", ops::status);
    registry.register("export.list", ops::list);
    registry.register("export.take", ops::take);
    registry.register("export.read", ops::read);
    registry.register("export.discard", ops::discard);
    return ops;
  }

  /** An export taken for its download, until it is discarded or left unread too long. */
  private record Taken(
      ExportJobs.Download download, String owner, AtomicReference<Instant> lastRead) {}

  private Map<String, ?> start(JsonNode args, Consumer<String> progress) throws MailvaultException {
    String owner = owner(args);
    ExportFormat format =
        ExportFormat.byName(args.path("format").asText(""))
            .orElseThrow(() -> new MailvaultException("the format is mbox, eml-zip or sqlite"));
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    char[] password = chars(args, "password");
    char[] sqlitePassword = chars(args, "sqlitePassword");
    byte[] dataKey = bytes(args, "dataKey");
    byte[] spoolKey = bytes(args, "spoolKey");
    try {
      Exports.Status status;
      if (dataKey != null && spoolKey != null) {
        // A My account session holds the alias's keys, not its password.
        try (UnlockedAlias alias =
            new UnlockedAlias(
                address,
                args.path("vault").asText(""),
                SecretBytes.copyOf(dataKey),
                SecretBytes.copyOf(spoolKey))) {
          status = jobs.start(owner, alias, format, sqlitePassword);
        }
      } else if (password != null) {
        status = jobs.start(owner, address, format, password);
      } else {
        throw new PasswordRequiredException("an export needs the alias's password");
      }
      return Map.of("export", ExportWire.write(status, vaultOf(status.id(), owner)));
    } finally {
      wipe(password);
      wipe(sqlitePassword);
      wipe(dataKey);
      wipe(spoolKey);
    }
  }

  private Map<String, ?> status(JsonNode args, Consumer<String> progress) {
    sweep();
    return job(args)
        .<Map<String, ?>>map(p -> Map.of("export", ExportWire.write(p.status(), p.vaultId())))
        .orElse(Map.of());
  }

  private Map<String, ?> list(JsonNode args, Consumer<String> progress) {
    sweep();
    List<Map<String, Object>> exports = new ArrayList<>();
    for (ExportJobs.Placed p : jobs.placed(owner(args))) {
      exports.add(ExportWire.write(p.status(), p.vaultId()));
    }
    return Map.of("exports", exports);
  }

  private Map<String, ?> take(JsonNode args, Consumer<String> progress) {
    sweep();
    if (job(args).isEmpty()) {
      return Map.of();
    }
    String id = args.path("id").asText("");
    Optional<ExportJobs.Download> download = jobs.takeDownload(id, owner(args));
    if (download.isEmpty()) {
      return Map.of();
    }
    ExportJobs.Download d = download.get();
    taken.put(id, new Taken(d, owner(args), new AtomicReference<>(clock.instant())));
    return Map.of(
        "export",
        ExportWire.write(d.status(), d.vaultId()),
        "fileName",
        d.fileName(),
        "length",
        d.length());
  }

  private Map<String, ?> read(JsonNode args, Consumer<String> progress) throws MailvaultException {
    sweep();
    Taken t = taken(args).orElseThrow(() -> new MailvaultException("no such export download"));
    long offset = args.path("offset").asLong(-1);
    int max = Math.min(args.path("max").asInt(MAX_READ), MAX_READ);
    if (offset < 0 || max <= 0) {
      throw new MailvaultException("a read needs an offset and a positive length");
    }
    t.lastRead().set(clock.instant());
    byte[] piece;
    try {
      piece = t.download().read(offset, max);
    } catch (IOException e) {
      throw new MailvaultException("the export could not be read");
    }
    return Map.of("data", Base64.getEncoder().encodeToString(piece));
  }

  private Map<String, ?> discard(JsonNode args, Consumer<String> progress) {
    sweep();
    Optional<Taken> t = taken(args);
    if (t.isPresent()) {
      if (taken.remove(args.path("id").asText(""), t.get())) {
        t.get().download().close();
        return Map.of("discarded", true);
      }
      return Map.of("discarded", false);
    }
    // Not taken yet: discarding is taking it and closing the download at once.
    if (job(args).isEmpty()) {
      return Map.of("discarded", false);
    }
    Optional<ExportJobs.Download> download =
        jobs.takeDownload(args.path("id").asText(""), owner(args));
    download.ifPresent(ExportJobs.Download::close);
    return Map.of("discarded", download.isPresent());
  }

  /** The job the arguments name, if it is their owner's and of their vault. */
  private Optional<ExportJobs.Placed> job(JsonNode args) {
    return jobs.placed(args.path("id").asText(""), owner(args))
        .filter(p -> p.vaultId().equals(args.path("vault").asText("")));
  }

  private Optional<Taken> taken(JsonNode args) {
    Taken t = taken.get(args.path("id").asText(""));
    if (t == null
        || !t.owner().equals(owner(args))
        || !t.download().vaultId().equals(args.path("vault").asText(""))) {
      return Optional.empty();
    }
    return Optional.of(t);
  }

  private String vaultOf(String id, String owner) {
    return jobs.placed(id, owner).map(ExportJobs.Placed::vaultId).orElse("");
  }

  private void sweep() {
    Instant cutoff = clock.instant().minus(ExportJobs.KEEP);
    for (Map.Entry<String, Taken> e : taken.entrySet()) {
      if (!e.getValue().lastRead().get().isAfter(cutoff)
          && taken.remove(e.getKey(), e.getValue())) {
        e.getValue().download().close();
      }
    }
  }

  private static String owner(JsonNode args) {
    return args.path("owner").asText("");
  }

  private static char[] chars(JsonNode args, String field) {
    String text = args.path(field).asText("");
    return text.isEmpty() ? null : text.toCharArray();
  }

  private static byte[] bytes(JsonNode args, String field) throws MailvaultException {
    String text = args.path(field).asText("");
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MailvaultException("'" + field + "' is not base64");
    }
  }

  private static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }

  private static void wipe(byte[] secret) {
    if (secret != null) {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Deletes the exports taken and not discarded; the jobs themselves are {@link ExportJobs}'. */
  @Override
  public void close() {
    for (String id : new ArrayList<>(taken.keySet())) {
      Taken t = taken.remove(id);
      if (t != null) {
        t.download().close();
      }
    }
  }
}
