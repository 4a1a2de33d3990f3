package dev.mailvault.server.web.account;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in to My account (ADR 0267): the alias address and its main password (app passwords are
 * for mail clients), through the login throttle IMAP uses, then the TOTP code when the alias has
 * two-factor on. The password lives in this request only.
 */
final class AccountLogin {

  private static final int MAX_LOGIN = 320;
  private static final int MAX_PASSWORD = 1024;
  private static final String FAILED = "Wrong address or password.";

  private final Directory directory;
  private final WebSessions sessions;
  private final LoginThrottle logins;
  private final Clock clock;
  private final AccountPages.Guard guard;

  AccountLogin(WebContext context, AccountPages.Guard guard) {
    this.directory = context.directory();
    this.sessions = context.sessions();
    this.logins = context.logins();
    this.clock = context.clock();
    this.guard = guard;
  }

  void register(Routes routes) {
    routes.get(AccountPages.LOGIN, this::loginPage);
    routes.post(AccountPages.LOGIN, this::login);
    routes.get("/account/login/code", this::codePage);
    routes.post("/account/login/code", this::code);
    routes.post("/account/logout", guard.form(this::logout));
  }

  private WebResponse loginPage(WebRequest request) {
    if (sessions.find(request, WebSession.Kind.ACCOUNT).isPresent()) {
      return WebResponse.redirect("/account");
    }
    return Templates.page("account/login.jte", loginParams("", null));
  }

  private WebResponse login(WebRequest request) throws Exception {
    requireSameOrigin(request);
    String login = AccountPages.field(request, "address", MAX_LOGIN).strip();
    String typed = AccountPages.field(request, "password", MAX_PASSWORD);
    if (login.isEmpty() || typed.isEmpty()) {
      return WebResponse.html(
          400, Templates.render("account/login.jte", loginParams(login, "Enter both fields.")));
    }
    ClientNetwork network = ClientNetwork.of(request.remoteAddress());
    if (logins.admit(login, network).blocked()) {
      logins.failed(login, network);
      return failed(login);
    }
    char[] password = typed.toCharArray();
    UnlockedAlias unlocked;
    try {
      unlocked = directory.unlockMain(login, password);
    } catch (AuthenticationFailedException e) {
      logins.failed(login, network);
      return failed(login);
    } finally {
      Arrays.fill(password, '\0');
    }
    logins.succeeded(login, network);
    String principal = unlocked.address().toString();
    boolean twoFactor;
    try {
      twoFactor = directory.totpEnabled(unlocked.address());
    } catch (Exception e) {
      unlocked.close();
      throw e;
    }
    if (twoFactor) {
      // start() closes what it was given when it refuses (too many sessions).
      WebSession pending =
          sessions.start(WebSession.Kind.ACCOUNT_TOTP, principal, new PendingLogin(unlocked));
      return WebResponse.redirect("/account/login/code")
          .header("Set-Cookie", sessions.cookie(pending));
    }
    WebSession session = sessions.start(WebSession.Kind.ACCOUNT, principal, unlocked);
    return WebResponse.redirect("/account").header("Set-Cookie", sessions.cookie(session));
  }

  private WebResponse failed(String login) {
    return WebResponse.html(401, Templates.render("account/login.jte", loginParams(login, FAILED)));
  }

  private WebResponse codePage(WebRequest request) {
    Optional<WebSession> pending = sessions.find(request, WebSession.Kind.ACCOUNT_TOTP);
    if (pending.isEmpty()) {
      return WebResponse.redirect(AccountPages.LOGIN);
    }
    return Templates.page("account/code.jte", codeParams(pending.get(), null));
  }

  private WebResponse code(WebRequest request) throws Exception {
    Optional<WebSession> found = sessions.find(request, WebSession.Kind.ACCOUNT_TOTP);
    if (found.isEmpty()) {
      return WebResponse.redirect(AccountPages.LOGIN);
    }
    WebSession pending = found.get();
    WebSessions.requireCsrf(request, pending);
    PendingLogin login = pending.held(PendingLogin.class).orElseThrow();
    UnlockedAlias unlocked = login.peek();
    String code = AccountPages.field(request, "code", 16);
    ClientNetwork network = ClientNetwork.of(request.remoteAddress());
    if (unlocked == null) {
      return WebResponse.redirect(AccountPages.LOGIN);
    }
    if (!directory.verifyTotp(unlocked, code, clock.instant())) {
      logins.failed(pending.principal(), network);
      if (login.wrongCode()) {
        sessions.end(pending);
        return WebResponse.redirect(AccountPages.LOGIN)
            .header("Set-Cookie", WebSessions.clearCookie(WebSession.Kind.ACCOUNT_TOTP));
      }
      return WebResponse.html(
          401,
          Templates.render("account/code.jte", codeParams(pending, "That code is not valid.")));
    }
    UnlockedAlias taken = login.take();
    sessions.end(pending);
    WebSession session = sessions.start(WebSession.Kind.ACCOUNT, pending.principal(), taken);
    return WebResponse.redirect("/account")
        .header("Set-Cookie", sessions.cookie(session))
        .header("Set-Cookie", WebSessions.clearCookie(WebSession.Kind.ACCOUNT_TOTP));
  }

  private WebResponse logout(WebRequest request, WebSession session, UnlockedAlias alias) {
    sessions.end(session);
    return WebResponse.redirect(AccountPages.LOGIN)
        .header("Set-Cookie", WebSessions.clearCookie(WebSession.Kind.ACCOUNT));
  }

  /**
   * The login form has no session to carry a CSRF token yet; a browser's Origin, when sent, must be
   * this host (login CSRF), and the session cookie is SameSite=Strict besides.
   */
  private static void requireSameOrigin(WebRequest request) throws WebException {
    Optional<String> origin = request.header("Origin");
    Optional<String> host = request.header("Host");
    if (origin.isEmpty()) {
      return;
    }
    String o = origin.get();
    int scheme = o.indexOf("://");
    if (host.isEmpty() || scheme < 0 || !o.substring(scheme + 3).equalsIgnoreCase(host.get())) {
      throw new WebException(403, "csrf", "this form did not come from this site; reload the page");
    }
  }

  private static Map<String, Object> loginParams(String login, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("address", login);
    params.put("error", error);
    return params;
  }

  private static Map<String, Object> codeParams(WebSession pending, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", pending.csrfToken());
    params.put("error", error);
    return params;
  }
}
