package dev.mailvault.server.web.console;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.server.backup.BackupReports;
import dev.mailvault.server.web.NodeOperations;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/backups}: an alias's backups as {@code backup list} prints them (created, size,
 * SHA-256), "back up now" for a vault the server holds open, and a download of the stored backup,
 * still encrypted, streamed from the target with its SHA-256 checked on the way.
 */
public final class BackupsPage {

  /** One backup as listed; {@code created} is the manifest's time as {@code backup list} has it. */
  public record BackupRow(
      String created, String when, long size, String bytes, String sha256, String download) {}

  /** An alias to pick. */
  public record AliasLink(String address, String query, boolean open) {}

  private final WebContext context;

  private final BackupOperations backups;

  private BackupsPage(WebContext context, BackupOperations backups) {
    this.context = context;
    this.backups = backups;
  }

  static void register(
      Routes routes, WebContext context, NodeOperations operations, AdminGate gate) {
    BackupsPage page = new BackupsPage(context, operations.backups());
    routes.get("/admin/backups", gate.page(page::list));
    routes.post("/admin/backups", gate.form(page::backUpNow));
    routes.get("/admin/backups/download", gate.page(page::download));
  }

  private WebResponse list(WebRequest request, WebSession session) throws Exception {
    Map<String, Object> extra = new HashMap<>();
    String done = request.query("done").orElse("");
    if ("uploaded".equals(done)) {
      extra.put("notice", "Backed up now.");
    } else if ("unchanged".equals(done)) {
      extra.put("notice", "Nothing changed since the newest backup: no new one was stored.");
    }
    return page(request.query("alias"), session, 200, extra);
  }

  private WebResponse page(
      Optional<String> rawAlias, WebSession session, int status, Map<String, Object> extra)
      throws Exception {
    Optional<String> alias = ConsolePages.field(rawAlias, AliasesPage.MAX_ADDRESS);
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("notice", "");
    params.put("error", "");
    params.put("target", context.backups().describeTarget());
    Set<String> open = context.backups().openVaultIds();
    List<AliasLink> aliases = new ArrayList<>();
    for (AliasInfo info : context.directory().listAliases()) {
      aliases.add(
          new AliasLink(
              info.address().toString(),
              DomainsPage.encode(info.address().toString()),
              open.contains(info.vaultId())));
    }
    params.put("aliases", aliases);
    params.put("alias", null);
    params.put("backups", List.of());
    if (alias.isPresent()) {
      AliasInfo info = find(alias.get());
      String address = info.address().toString();
      List<BackupRow> rows = new ArrayList<>();
      List<BackupManifest> manifests = new ArrayList<>(backups.list(info.address()));
      // Newest first: the one a person wants is on top.
      java.util.Collections.reverse(manifests);
      for (BackupManifest m : manifests) {
        Map<String, Object> listed = BackupReports.manifest(m);
        String created = String.valueOf(listed.get("created"));
        rows.add(
            new BackupRow(
                created,
                ConsolePages.time(m.created()),
                m.size(),
                ConsolePages.bytes(m.size()),
                String.valueOf(listed.get("sha256")),
                "/admin/backups/download?alias="
                    + DomainsPage.encode(address)
                    + "&created="
                    + DomainsPage.encode(created)));
      }
      params.put(
          "alias",
          new AliasLink(address, DomainsPage.encode(address), open.contains(info.vaultId())));
      params.put("backups", rows);
    }
    params.putAll(extra);
    return ConsolePages.render(status, "console/backups.jte", params);
  }

  private WebResponse backUpNow(WebRequest request, WebSession session) throws Exception {
    Optional<String> alias = request.form("alias");
    AliasInfo info = find(ConsolePages.field(alias, AliasesPage.MAX_ADDRESS).orElse(""));
    Optional<BackupResult> result;
    try {
      // Without a password: only a vault the server holds open can be read (ADR 0272).
      result = Optional.of(backups.create(info.address(), null));
    } catch (PasswordRequiredException e) {
      result = Optional.empty();
    } catch (MailvaultException e) {
      return page(alias, session, 500, Map.of("error", "The backup failed: " + e.getMessage()));
    }
    if (result.isEmpty()) {
      return page(
          alias,
          session,
          409,
          Map.of(
              "error",
              "The vault of "
                  + info.address()
                  + " is not open in the server, and it cannot be read without the alias's"
                  + " password. It is backed up while its owner is logged in (IMAP, POP3, My"
                  + " account), or with the password: mailvault backup create "
                  + info.address()));
    }
    BackupResult done = result.get();
    if (done instanceof BackupResult.Rejected) {
      return page(
          alias,
          session,
          500,
          Map.of("error", BackupReports.human(info.address().toString(), done)));
    }
    String outcome = done instanceof BackupResult.Uploaded ? "uploaded" : "unchanged";
    return WebResponse.redirect(
        "/admin/backups?alias="
            + DomainsPage.encode(info.address().toString())
            + "&done="
            + outcome);
  }

  private WebResponse download(WebRequest request, WebSession session) throws Exception {
    AliasInfo info = find(ConsolePages.query(request, "alias", AliasesPage.MAX_ADDRESS).orElse(""));
    Instant created;
    try {
      created = Instant.parse(ConsolePages.query(request, "created", 64).orElse(""));
    } catch (DateTimeParseException e) {
      throw WebException.badRequest("which backup?");
    }
    BackupManifest manifest =
        context
            .backups()
            .find(info.address(), created)
            .orElseThrow(() -> WebException.notFound("no such backup"));
    // A name with the time only: the address stays out of the file name (DESIGN §1).
    String name = "vault-" + created.toString().replace(':', '-').replace('.', '-') + ".vault";
    return WebResponse.download(
            "application/octet-stream",
            name,
            manifest.size(),
            out -> backups.download(manifest, out))
        .header("X-Content-SHA256", manifest.sha256Hex());
  }

  private AliasInfo find(String raw) throws WebException {
    if (raw.isEmpty()) {
      throw WebException.badRequest("which alias?");
    }
    EmailAddress address;
    try {
      address = EmailAddress.parse(raw);
    } catch (MailvaultException e) {
      throw WebException.notFound("no such alias");
    }
    return context.directory().listAliases().stream()
        .filter(a -> a.address().equals(address))
        .findFirst()
        .orElseThrow(() -> WebException.notFound("no such alias"));
  }
}
