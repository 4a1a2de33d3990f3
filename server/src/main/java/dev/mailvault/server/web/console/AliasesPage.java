package dev.mailvault.server.web.console;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.server.app.AliasOperations;
import dev.mailvault.server.web.NodeOperations;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/aliases}: every alias (or one domain's) with its usage against its quota; add one,
 * remove one, reset a forgotten password. A generated password is shown once (ADR 0271): only in
 * the answer to the POST that made it, never in a URL, a session or a log, and the page drops it
 * after {@link #SHOWN_SECONDS}.
 */
public final class AliasesPage {

  /** How long a generated password stays on the page (ADR 0271). */
  public static final int SHOWN_SECONDS = 30;

  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets; an address fits in that. */
  static final int MAX_ADDRESS = 254;

  /**
   * One alias as listed.
   *
   * @param quota the byte limit in words, empty when there is none
   * @param percent bytes used of the limit, 0 to 100
   */
  public record AliasRow(
      String address,
      boolean enabled,
      long messages,
      String bytes,
      long usedBytes,
      String quota,
      long maxBytes,
      int percent,
      String created) {

    public boolean hasQuota() {
      return !quota.isEmpty();
    }

    /** The address as a query parameter's value. */
    public String query() {
      return DomainsPage.encode(address);
    }
  }

  /**
   * A generated password on its one showing.
   *
   * @param what {@code added} or {@code reset}
   */
  public record Secret(String address, String password, String what, int seconds) {
    @Override
    public String toString() {
      return "Secret[" + what + "]";
    }
  }

  private final WebContext context;
  private final AliasOperations aliases;

  private AliasesPage(WebContext context, AliasOperations aliases) {
    this.context = context;
    this.aliases = aliases;
  }

  static void register(
      Routes routes, WebContext context, NodeOperations operations, AdminGate gate) {
    AliasesPage page = new AliasesPage(context, operations.aliases());
    routes.get("/admin/aliases", gate.page(page::list));
    routes.post("/admin/aliases", gate.form(page::add));
    routes.get("/admin/aliases/remove", gate.page(page::confirmRemove));
    routes.post("/admin/aliases/remove", gate.form(page::remove));
    routes.get("/admin/aliases/reset", gate.page(page::confirmReset));
    routes.post("/admin/aliases/reset", gate.form(page::reset));
  }

  private WebResponse list(WebRequest request, WebSession session) throws Exception {
    Map<String, Object> extra = new HashMap<>();
    ConsolePages.query(request, "removed", MAX_ADDRESS)
        .ifPresent(a -> extra.put("notice", "Removed " + a + " with its mail."));
    return page(request, session, 200, extra);
  }

  private WebResponse page(
      WebRequest request, WebSession session, int status, Map<String, Object> extra)
      throws Exception {
    Optional<String> only = ConsolePages.query(request, "domain", DomainsPage.MAX_DOMAIN);
    List<AliasInfo> aliases;
    if (only.isPresent()) {
      try {
        aliases = context.directory().listAliases(DomainName.parse(only.get()));
      } catch (MailvaultException e) {
        throw WebException.notFound("no such domain");
      }
    } else {
      aliases = context.directory().listAliases();
    }
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("aliases", aliases.stream().map(AliasesPage::row).toList());
    params.put("only", only.orElse(""));
    params.put(
        "domains",
        context.directory().listDomains().stream().map(d -> d.name().toString()).toList());
    params.put("notice", "");
    params.put("error", "");
    params.put("secret", null);
    params.putAll(extra);
    return ConsolePages.render(status, "console/aliases.jte", params);
  }

  private static AliasRow row(AliasInfo info) {
    QuotaLimits limits = info.limits();
    long used = info.usage().bytes();
    long max = limits.maxBytes().orElse(0);
    int percent =
        max <= 0
            ? (limits.maxBytes().isPresent() ? 100 : 0)
            : (int) Math.min(100, used * 100 / max);
    return new AliasRow(
        info.address().toString(),
        info.enabled(),
        info.usage().messages(),
        ConsolePages.bytes(used),
        used,
        limits.maxBytes().isPresent() ? ConsolePages.bytes(max) : "",
        max,
        percent,
        ConsolePages.time(info.created()));
  }

  /**
   * The answer to the add form: the list with the new password, once. Not a redirect, so the
   * password is in no URL; the default {@code Cache-Control: no-store} keeps it out of caches and
   * the back-forward cache; a re-POST is refused because the alias exists.
   */
  private WebResponse add(WebRequest request, WebSession session) throws Exception {
    Optional<String> raw = ConsolePages.form(request, "address", MAX_ADDRESS);
    if (raw.isEmpty()) {
      return page(request, session, 400, Map.of("error", "Give the new alias's address."));
    }
    try (NewAlias alias = aliases.add(EmailAddress.parse(raw.get()), null)) {
      return withSecret(request, session, alias.address(), alias, "added");
    } catch (MailvaultException e) {
      return page(request, session, 409, Map.of("error", e.getMessage()));
    }
  }

  private WebResponse withSecret(
      WebRequest request, WebSession session, EmailAddress address, NewAlias alias, String what)
      throws Exception {
    char[] password = alias.generatedPassword().orElseThrow();
    Secret secret = new Secret(address.toString(), new String(password), what, SHOWN_SECONDS);
    String notice =
        "added".equals(what)
            ? "Added " + address + "."
            : "Reset " + address + ": its mailbox starts empty.";
    Map<String, Object> extra = new HashMap<>();
    extra.put("secret", secret);
    extra.put("notice", notice);
    return page(request, session, 200, extra);
  }

  private WebResponse confirmRemove(WebRequest request, WebSession session) throws Exception {
    AliasInfo info = find(request.query("address"));
    Map<String, Object> params = confirm(session, info, "remove");
    params.put("title", "Remove " + info.address());
    params.put(
        "message",
        "Remove "
            + info.address()
            + "? Its vault ("
            + info.usage().messages()
            + " messages), spool and keys are deleted: its mail is gone for good.");
    params.put("checkbox", "Yes, remove " + info.address() + " and all its mail");
    params.put("button", "Remove alias");
    return ConsolePages.render(200, "console/confirm.jte", params);
  }

  private WebResponse confirmReset(WebRequest request, WebSession session) throws Exception {
    AliasInfo info = find(request.query("address"));
    Map<String, Object> params = confirm(session, info, "reset");
    params.put("title", "Reset the password of " + info.address());
    params.put(
        "message",
        "A forgotten password cannot be recovered: the mail is encrypted with it. Resetting"
            + " discards "
            + info.address()
            + "'s mailbox ("
            + info.usage().messages()
            + " messages) and gives it a new generated password and an empty mailbox.");
    params.put("checkbox", "Yes, discard the mailbox of " + info.address());
    params.put("button", "Reset password");
    return ConsolePages.render(200, "console/confirm.jte", params);
  }

  private Map<String, Object> confirm(WebSession session, AliasInfo info, String verb) {
    Map<String, Object> params = new HashMap<>();
    params.put("current", "aliases");
    params.put("csrf", session.csrfToken());
    params.put(
        "action",
        "/admin/aliases/" + verb + "?address=" + DomainsPage.encode(info.address().toString()));
    params.put("force", false);
    // The vault id the admin saw: a re-sent form (reload, back) finds another and does nothing.
    params.put("state", info.vaultId());
    params.put("cancel", "/admin/aliases");
    return params;
  }

  private WebResponse remove(WebRequest request, WebSession session) throws Exception {
    AliasInfo info = find(request.query("address"));
    if (!ConsolePages.confirmed(request)) {
      return page(request, session, 400, Map.of("error", "Tick the confirmation to remove."));
    }
    context.sessions().endAll(WebSession.Kind.ACCOUNT, info.address().toString());
    try {
      aliases.remove(info.address());
    } catch (MailvaultException e) {
      return page(request, session, 409, Map.of("error", e.getMessage()));
    }
    return WebResponse.redirect(
        "/admin/aliases?removed=" + DomainsPage.encode(info.address().toString()));
  }

  private WebResponse reset(WebRequest request, WebSession session) throws Exception {
    AliasInfo info = find(request.query("address"));
    if (!ConsolePages.confirmed(request)) {
      return page(request, session, 400, Map.of("error", "Tick the confirmation to reset."));
    }
    if (!info.vaultId().equals(request.form("state").orElse(""))) {
      return page(
          request,
          session,
          409,
          Map.of("error", info.address() + " was reset or changed since this form was shown."));
    }
    // Whoever is logged in as the alias holds keys that no longer open anything.
    context.sessions().endAll(WebSession.Kind.ACCOUNT, info.address().toString());
    try {
      ResetAlias reset = aliases.reset(info.address(), null);
      try (NewAlias alias = reset.alias()) {
        return withSecret(request, session, info.address(), alias, "reset");
      }
    } catch (MailvaultException e) {
      return page(request, session, 409, Map.of("error", e.getMessage()));
    }
  }

  private AliasInfo find(Optional<String> raw) throws WebException {
    Optional<String> value = ConsolePages.field(raw, MAX_ADDRESS);
    if (value.isEmpty()) {
      throw WebException.badRequest("which alias?");
    }
    EmailAddress address;
    try {
      address = EmailAddress.parse(value.get());
    } catch (MailvaultException e) {
      throw WebException.notFound("no such alias");
    }
    return context.directory().listAliases().stream()
        .filter(a -> a.address().equals(address))
        .findFirst()
        .orElseThrow(() -> WebException.notFound("no such alias"));
  }
}
