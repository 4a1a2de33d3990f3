package dev.mailvault.server.web.account;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.auth.Totp;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AppPasswordException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.ConcurrentChangeException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.WeakPasswordException;
import dev.mailvault.server.web.QrSvg;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The owner's credentials: change the password (re-wraps the data key; other web sessions end), app
 * passwords for mail clients (shown once, revocable) and two-factor (ADR 0266, 0267).
 */
final class AccountSecurity {

  private static final int MAX_PASSWORD = 1024;
  private static final String ISSUER = "Mailvault";

  private final Directory directory;
  private final WebSessions sessions;
  private final LoginThrottle logins;
  private final Clock clock;
  private final AccountPages.Guard guard;

  AccountSecurity(WebContext context, AccountPages.Guard guard) {
    this.directory = context.directory();
    this.sessions = context.sessions();
    this.logins = context.logins();
    this.clock = context.clock();
    this.guard = guard;
  }

  void register(Routes routes) {
    routes.get("/account/password", guard.page((r, s, a) -> passwordPage(s, a, null, null, 200)));
    routes.post("/account/password", guard.form(this::changePassword));
    routes.get("/account/app-passwords", guard.page((r, s, a) -> appPasswords(s, a, null, null)));
    routes.post("/account/app-passwords", guard.form(this::addAppPassword));
    routes.post("/account/app-passwords/{id}/revoke", guard.form(this::revokeAppPassword));
    routes.get("/account/two-factor", guard.page((r, s, a) -> twoFactor(s, a, null, null)));
    routes.post("/account/two-factor/enrol", guard.form(this::enrol));
    routes.post("/account/two-factor/confirm", guard.form(this::confirm));
    routes.post("/account/two-factor/disable", guard.form(this::disable));
  }

  // Password

  private WebResponse passwordPage(
      WebSession session, UnlockedAlias alias, String error, String generated, int status) {
    Map<String, Object> params = base(session, alias);
    params.put("error", error);
    params.put("generated", generated);
    String html = Templates.render("account/password.jte", params);
    WebResponse response = WebResponse.html(status, html);
    return generated == null ? response : response.header("Cache-Control", "no-store");
  }

  private WebResponse changePassword(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String login = session.principal();
    ClientNetwork network = ClientNetwork.of(request.remoteAddress());
    boolean generate = request.form("generate").isPresent();
    char[] old = AccountPages.field(request, "old", MAX_PASSWORD).toCharArray();
    char[] fresh = AccountPages.field(request, "new", MAX_PASSWORD).toCharArray();
    char[] again = AccountPages.field(request, "again", MAX_PASSWORD).toCharArray();
    char[] generated = null;
    try {
      if (!generate && !Arrays.equals(fresh, again)) {
        return passwordPage(session, alias, "The two new passwords differ.", null, 400);
      }
      if (logins.admit(login, network).blocked()) {
        logins.failed(login, network);
        return passwordPage(session, alias, "The current password is wrong.", null, 403);
      }
      try {
        if (generate) {
          generated = directory.changePassword(alias.address(), old);
        } else {
          directory.changePassword(alias.address(), old, fresh);
        }
      } catch (AuthenticationFailedException e) {
        logins.failed(login, network);
        return passwordPage(session, alias, "The current password is wrong.", null, 403);
      } catch (WeakPasswordException | ConcurrentChangeException e) {
        return passwordPage(session, alias, e.getMessage(), null, 400);
      }
      logins.succeeded(login, network);
      // Whoever else was logged in with the old password is logged out (ADR 0267).
      sessions.endOthers(WebSession.Kind.ACCOUNT, login, session);
      if (generated != null) {
        return passwordPage(session, alias, null, new String(generated), 200);
      }
      return WebResponse.redirect("/account?changed=password");
    } finally {
      Arrays.fill(old, '\0');
      Arrays.fill(fresh, '\0');
      Arrays.fill(again, '\0');
      if (generated != null) {
        Arrays.fill(generated, '\0');
      }
    }
  }

  // App passwords

  private WebResponse appPasswords(
      WebSession session, UnlockedAlias alias, NewAppPassword made, String error) throws Exception {
    Map<String, Object> params = base(session, alias);
    params.put("items", directory.appPasswords(alias.address()));
    params.put("error", error);
    params.put("newLabel", made == null ? null : made.info().label());
    params.put("newPassword", made == null ? null : new String(made.password()));
    String html = Templates.render("account/app-passwords.jte", params);
    WebResponse response = WebResponse.html(error == null ? 200 : 400, html);
    return made == null ? response : response.header("Cache-Control", "no-store");
  }

  private WebResponse addAppPassword(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    String label = AccountPages.field(request, "label", 200);
    try (NewAppPassword made = directory.addAppPassword(alias, label)) {
      return appPasswords(session, alias, made, null);
    } catch (AppPasswordException | ConcurrentChangeException e) {
      return appPasswords(session, alias, null, e.getMessage());
    }
  }

  private WebResponse revokeAppPassword(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    directory.revokeAppPassword(alias.address(), request.pathParam("id"));
    return WebResponse.redirect("/account/app-passwords");
  }

  // Two-factor

  private WebResponse twoFactor(
      WebSession session, UnlockedAlias alias, byte[] enrolling, String error) throws Exception {
    Map<String, Object> params = base(session, alias);
    params.put("enabled", directory.totpEnabled(alias.address()));
    params.put("error", error);
    params.put("secret", enrolling == null ? null : Totp.base32(enrolling));
    params.put(
        "qr",
        enrolling == null
            ? null
            : QrSvg.render(
                Totp.uri(ISSUER, alias.address().toString(), enrolling),
                "QR code for your authenticator app"));
    String html = Templates.render("account/two-factor.jte", params);
    WebResponse response = WebResponse.html(error == null ? 200 : 400, html);
    return enrolling == null ? response : response.header("Cache-Control", "no-store");
  }

  private WebResponse enrol(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    return twoFactor(session, alias, Totp.newSecret(), null);
  }

  private WebResponse confirm(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    byte[] secret = Base32.decode(AccountPages.field(request, "secret", 64));
    if (secret == null || secret.length != Totp.SECRET_BYTES) {
      return twoFactor(session, alias, null, "Start the set-up again.");
    }
    Instant now = clock.instant();
    OptionalLong step =
        Totp.verify(secret, AccountPages.field(request, "code", 16), now, Long.MIN_VALUE);
    if (step.isEmpty()) {
      return twoFactor(session, alias, secret, "That code is not valid; try the next one.");
    }
    directory.enableTotp(alias, secret, step.getAsLong());
    Arrays.fill(secret, (byte) 0);
    return WebResponse.redirect("/account/two-factor");
  }

  private WebResponse disable(WebRequest request, WebSession session, UnlockedAlias alias)
      throws Exception {
    if (!directory.verifyTotp(alias, AccountPages.field(request, "code", 16), clock.instant())) {
      return twoFactor(session, alias, null, "That code is not valid.");
    }
    directory.disableTotp(alias.address());
    return WebResponse.redirect("/account/two-factor");
  }

  private static Map<String, Object> base(WebSession session, UnlockedAlias alias) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("address", alias.address().toString());
    return params;
  }
}
