package dev.mailvault.server.web.account;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.server.web.NodeOperations;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.export.ExportFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The owner's backups and exports (issue 17, ADR 0273), on the application layer the API and the
 * console call: {@link BackupOperations} backs up with the session's unlocked alias (no password)
 * and streams a backup's encrypted bytes; {@link Exports} runs an export sealed until its one
 * download. A backup still running after {@link #BACKUP_WAIT} seconds goes on in the background and
 * the page refreshes itself until it is done; an export always runs in the background.
 */
final class AccountData {

  /** How long "Back up now" waits before answering with the self-refreshing page. */
  static final long BACKUP_WAIT = 15;

  /** A sqlite export's password is at most this long (the login form's bound). */
  private static final int MAX_PASSWORD = 1024;

  private final BackupOperations backups;
  private final Exports exports;
  private final AccountPages.Guard guard;

  /** The backup each vault is taking now or has just finished, until its page shows it once. */
  private final Map<String, CompletableFuture<BackupResult>> running = new ConcurrentHashMap<>();

  AccountData(WebContext context, AccountPages.Guard guard) {
    this.backups = NodeOperations.of(context).backups();
    this.exports = context.exports();
    this.guard = guard;
  }

  void register(Routes routes) {
    routes.get("/account/backups", guard.page(this::backupsPage));
    routes.post("/account/backups", guard.form(this::backUp));
    routes.get("/account/backups/download", guard.page(this::downloadBackup));
    routes.get("/account/export", guard.page((r, s, a) -> exportPage(s, a, null)));
    routes.post("/account/export", guard.form(this::startExport));
    routes.get("/account/export/{id}", guard.page(this::exportStatus));
    routes.get("/account/export/{id}/download", guard.page(this::downloadExport));
  }

  private WebResponse backupsPage(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    Map<String, Object> params = base(session, alias);
    String notice = null;
    String error = null;
    boolean busy = false;
    CompletableFuture<BackupResult> run = running.get(alias.vaultId());
    if (run != null && !run.isDone()) {
      busy = true;
    } else if (run != null && running.remove(alias.vaultId(), run)) {
      try {
        BackupResult result = run.get();
        if (result instanceof BackupResult.Uploaded) {
          notice = "Backup done.";
        } else if (result instanceof BackupResult.Unchanged) {
          notice = "Nothing changed since the newest backup; no new one was needed.";
        } else {
          error = "The backup was refused: " + ((BackupResult.Rejected) result).reason();
        }
      } catch (ExecutionException e) {
        error = "The backup failed: " + failure(e.getCause());
      }
    }
    List<BackupManifest> list = backups.list(alias.address());
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (int i = list.size() - 1; i >= 0; i--) {
      BackupManifest m = list.get(i);
      Map<String, Object> row = new HashMap<>();
      row.put("created", m.created().toString());
      row.put("size", AccountPages.bytes(m.size()));
      row.put("bytes", m.size());
      row.put("sha256", m.sha256Hex());
      row.put("link", "/account/backups/download?created=" + m.created());
      rows.add(row);
    }
    params.put("backups", rows);
    params.put("busy", busy);
    params.put("notice", notice);
    params.put("error", error);
    return Templates.page("account/backups.jte", params).header("Cache-Control", "no-store");
  }

  private WebResponse backUp(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    CompletableFuture<BackupResult> run =
        running.compute(
            alias.vaultId(),
            (vault, old) -> old != null && !old.isDone() ? old : startBackup(alias));
    try {
      run.get(BACKUP_WAIT, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Still running (the page refreshes itself) or failed (the page says why).
    }
    return WebResponse.redirect("/account/backups");
  }

  private CompletableFuture<BackupResult> startBackup(UnlockedAlias alias) {
    CompletableFuture<BackupResult> run = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                run.complete(backups.create(alias));
              } catch (MailvaultException | RuntimeException e) {
                run.completeExceptionally(e);
              }
            },
            "account-backup");
    worker.setDaemon(true);
    worker.start();
    return run;
  }

  private WebResponse downloadBackup(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String raw = request.query("created").orElse("");
    if (raw.isEmpty() || raw.length() > 64) {
      throw WebException.badRequest("which backup?");
    }
    Instant created;
    try {
      created = Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw WebException.badRequest("which backup?");
    }
    // Only this session's alias: another alias's backup is simply not in its list.
    BackupManifest manifest =
        backups.list(alias.address()).stream()
            .filter(m -> m.created().equals(created))
            .findFirst()
            .orElseThrow(() -> WebException.notFound("no such backup"));
    String name = "vault-" + created.toString().replace(':', '-').replace('.', '-') + ".vault";
    return WebResponse.download(
            "application/octet-stream",
            name,
            manifest.size(),
            out -> backups.download(manifest, out))
        .header("X-Content-SHA256", manifest.sha256Hex())
        .header("Cache-Control", "no-store");
  }

  private WebResponse exportPage(WebSession session, UnlockedAlias alias, String error)
      throws MailvaultException {
    Map<String, Object> params = base(session, alias);
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (Exports.Status s : exports.list(owner(alias))) {
      rows.add(view(s));
    }
    params.put("jobs", rows);
    params.put("error", error);
    return WebResponse.html(
            error == null ? 200 : 422, Templates.render("account/export.jte", params))
        .header("Cache-Control", "no-store");
  }

  private WebResponse startExport(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String name = AccountPages.field(request, "format", 16);
    Optional<ExportFormat> format = ExportFormat.byName(name);
    if (format.isEmpty()) {
      return exportPage(session, alias, "Choose mbox, eml-zip or sqlite.");
    }
    Exports.Status status;
    try {
      if (format.get() == ExportFormat.SQLITE) {
        // A sqlite export is keyed by the password; the session holds only the data key.
        char[] password = AccountPages.field(request, "password", MAX_PASSWORD).toCharArray();
        try {
          if (password.length == 0) {
            return exportPage(
                session, alias, "A sqlite export is locked with your password: type it.");
          }
          status = exports.start(owner(alias), alias.address(), ExportFormat.SQLITE, password);
        } finally {
          Arrays.fill(password, '\0');
        }
      } else {
        status = exports.start(owner(alias), alias, format.get(), null);
      }
    } catch (WrongPasswordException e) {
      return exportPage(session, alias, "That is not your password.");
    } catch (MailvaultException e) {
      return exportPage(session, alias, e.getMessage());
    }
    return WebResponse.redirect("/account/export/" + status.id());
  }

  private WebResponse exportStatus(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    Exports.Status status = find(request, alias);
    Map<String, Object> params = base(session, alias);
    params.put("job", view(status));
    return Templates.page("account/export-job.jte", params).header("Cache-Control", "no-store");
  }

  private WebResponse downloadExport(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    Exports.Status status = find(request, alias);
    if (status.state() != Exports.State.DONE) {
      throw new WebException(409, "not_ready", "the export is not ready");
    }
    Exports.Download download =
        exports
            .take(status.id(), owner(alias))
            .orElseThrow(() -> WebException.notFound("no such export"));
    String type =
        switch (status.format()) {
          case MBOX -> "application/mbox";
          case EML_ZIP -> "application/zip";
          case SQLITE -> "application/vnd.sqlite3";
        };
    return WebResponse.download(
            type,
            download.fileName(),
            download.length(),
            out -> {
              try (download) {
                download.writeTo(out);
              }
            })
        .header("Cache-Control", "no-store");
  }

  private Exports.Status find(WebRequest request, UnlockedAlias alias)
      throws WebException, MailvaultException {
    String id = request.pathParam("id");
    if (id.length() > 64) {
      throw WebException.notFound("no such export");
    }
    // Another owner's job is not found, the same answer as a job that never was.
    return exports
        .status(id, owner(alias))
        .orElseThrow(() -> WebException.notFound("no such export (a download is possible once)"));
  }

  /** The exports' owner of a My account session: its vault, which no API token id can be. */
  private static String owner(UnlockedAlias alias) {
    return "account:" + alias.vaultId();
  }

  private static Map<String, Object> view(Exports.Status s) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", s.id());
    row.put("format", s.format().cliName());
    row.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
    row.put("running", s.state() == Exports.State.RUNNING);
    row.put("done", s.state() == Exports.State.DONE);
    row.put("messagesDone", s.messagesDone());
    row.put("messagesTotal", s.messagesTotal());
    row.put("size", AccountPages.bytes(s.bytes()));
    row.put("error", s.error().orElse(null));
    row.put("created", s.created().toString().substring(0, 16).replace('T', ' ') + " UTC");
    row.put("expires", s.expires().toString().substring(0, 16).replace('T', ' ') + " UTC");
    return row;
  }

  private static String failure(Throwable e) {
    return e instanceof MailvaultException ? e.getMessage() : "an internal error";
  }

  private static Map<String, Object> base(WebSession session, UnlockedAlias alias) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("address", alias.address().toString());
    return params;
  }
}
