package dev.mailvault.server.web.account;

import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.InvalidForwardTargetException;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.dns.MailHost;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the owner sees and sets besides credentials: usage, the values a mail client needs, and
 * delivery (mode and forwards as {@code alias mode|forward} sets them; the active Sieve script,
 * read-only, since ManageSieve edits it).
 */
final class AccountSettings {

  private final Directory directory;
  private final Settings settings;
  private final AccountPages.Guard guard;

  AccountSettings(WebContext context, AccountPages.Guard guard) {
    this.directory = context.directory();
    this.settings = context.settings();
    this.guard = guard;
  }

  void register(Routes routes) {
    routes.get("/account", guard.page(this::overview));
    routes.get("/account/setup", guard.page(this::setup));
    routes.get("/account/delivery", guard.page((r, s, a) -> delivery(s, a, null, null)));
    routes.post("/account/delivery/mode", guard.form(this::setMode));
    routes.post("/account/delivery/forwards", guard.form(this::addForward));
    routes.post("/account/delivery/forwards/{id}/remove", guard.form(this::removeForward));
  }

  private WebResponse overview(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    AliasInfo info =
        directory.listAliases(alias.address().domain()).stream()
            .filter(a -> a.vaultId().equals(alias.vaultId()))
            .findFirst()
            .orElseThrow(() -> WebException.notFound("this alias is gone"));
    Map<String, Object> params = base(session, alias);
    params.put("messages", info.usage().messages());
    params.put("used", AccountPages.bytes(info.usage().bytes()));
    long max = info.limits().maxBytes().orElse(-1);
    params.put("quota", max < 0 ? null : AccountPages.bytes(max));
    params.put("usedBytes", info.usage().bytes());
    params.put("maxBytes", max);
    params.put("percent", max <= 0 ? 0L : Math.min(100, info.usage().bytes() * 100 / max));
    params.put("appPasswords", directory.appPasswords(alias.address()).size());
    params.put("twoFactor", directory.totpEnabled(alias.address()));
    params.put(
        "notice", request.query("changed").isPresent() ? "Your password was changed." : null);
    return Templates.page("account/overview.jte", params);
  }

  private WebResponse setup(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    MailHost host = MailHost.from(settings);
    Map<String, Object> params = base(session, alias);
    params.put("host", host.hostname());
    params.put("imaps", host.ports().imaps());
    params.put("imap", host.ports().imap());
    params.put("pop3s", host.ports().pop3s());
    params.put("pop3", host.ports().pop3());
    params.put("submissions", host.ports().submissions());
    params.put("submission", host.ports().submission());
    return Templates.page("account/setup.jte", params);
  }

  private WebResponse delivery(
      WebSession session, UnlockedAlias alias, String error, String webhookSecret)
      throws Exception {
    AliasRoute route =
        directory
            .findAlias(alias.address())
            .orElseThrow(() -> WebException.notFound("this alias is gone"));
    Map<String, Object> params = base(session, alias);
    params.put("mode", route.mode().name().toLowerCase(Locale.ROOT));
    params.put("forwards", directory.forwardTargets(alias.address()));
    Optional<SieveScriptInfo> active =
        directory.sieveScripts(alias.address()).stream()
            .filter(SieveScriptInfo::active)
            .findFirst();
    params.put("sieveName", active.map(SieveScriptInfo::name).orElse(null));
    params.put(
        "sieveText",
        active.isEmpty() ? null : directory.activeSieveScript(alias.address()).orElse(""));
    params.put("error", error);
    params.put("webhookSecret", webhookSecret);
    String html = Templates.render("account/delivery.jte", params);
    WebResponse response = WebResponse.html(error == null ? 200 : 400, html);
    return webhookSecret == null ? response : response.header("Cache-Control", "no-store");
  }

  private WebResponse setMode(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String mode = AccountPages.field(request, "mode", 16);
    DeliveryMode chosen;
    switch (mode) {
      case "store" -> chosen = DeliveryMode.STORE;
      case "forward" -> chosen = DeliveryMode.FORWARD;
      case "both" -> chosen = DeliveryMode.BOTH;
      default -> {
        return delivery(session, alias, "Choose store, forward or both.", null);
      }
    }
    directory.setDeliveryMode(alias.address(), chosen);
    return WebResponse.redirect("/account/delivery");
  }

  private WebResponse addForward(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String target = AccountPages.field(request, "target", 2048).strip();
    AddedForward added;
    try {
      added = directory.addForwardTarget(alias.address(), target);
    } catch (InvalidForwardTargetException e) {
      return delivery(session, alias, e.getMessage(), null);
    }
    if (added.newSecret().isPresent()) {
      return delivery(session, alias, null, HexFormat.of().formatHex(added.newSecret().get()));
    }
    return WebResponse.redirect("/account/delivery");
  }

  private WebResponse removeForward(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    directory.removeForwardTarget(alias.address(), request.pathParam("id"));
    return WebResponse.redirect("/account/delivery");
  }

  private static Map<String, Object> base(WebSession session, UnlockedAlias alias) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("address", alias.address().toString());
    return params;
  }
}
