package dev.mailvault.server.web.console;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.auth.Totp;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.directory.AdminAccounts;
import dev.mailvault.directory.AdminCredentials;
import dev.mailvault.directory.AdminName;
import dev.mailvault.directory.PasswordPolicy;
import dev.mailvault.directory.UnknownAdminException;
import dev.mailvault.protocol.auth.FailedLogin;
import dev.mailvault.server.web.QrSvg;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import dev.mailvault.server.web.console.PendingLogins.Pending;
import dev.mailvault.server.web.console.PendingLogins.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The console's login (ADR 0263, 0264): a name and password, then a second step, and only then an
 * ADMIN session. An admin without a second factor enrols one (a QR code and the secret as text,
 * confirmed by a code, then ten recovery codes shown once); an enrolled admin types a TOTP code or
 * a recovery code. Every attempt passes the login throttle IMAP uses, keyed {@code admin:NAME}: a
 * wrong password and a wrong code both count as failures, and a blocked attempt gets the login page
 * with the same message whether the name exists or not.
 *
 * <p>The password is read from the form, checked and dropped: it is never logged, stored or kept
 * past the request.
 */
final class AdminLogin {

  /** The security log's and metrics' protocol name for console logins. */
  static final String PROTOCOL = "web";

  /** The password form's CSRF cookie (double submit: there is no session yet). */
  static final String FORM_COOKIE = "__Host-mv-admin-form";

  private static final String ISSUER = "Mailvault";
  private static final int MAX_CODE_LENGTH = 64;

  private static final String WRONG_CREDENTIALS = "The name or the password is wrong.";
  private static final String THROTTLED =
      "Too many failed logins from your network. Wait a few minutes, then try again.";
  private static final String WRONG_CODE = "That code is wrong or was used already.";

  private final WebContext context;
  private final ConsoleSecrets secrets;
  private final PendingLogins pending;

  AdminLogin(WebContext context) {
    this.context = context;
    this.secrets = new ConsoleSecrets(context.outboundKeys());
    this.pending = new PendingLogins(context.clock());
  }

  // Step one: name and password

  WebResponse loginForm(WebRequest request) {
    if (ConsoleAccess.session(context, request).isPresent()) {
      return WebResponse.redirect("/admin/health");
    }
    return loginPage(200, "", null);
  }

  WebResponse login(WebRequest request) throws WebException {
    WebSessions.requireCsrf(request, request.cookie(FORM_COOKIE).orElse(""));
    String name = request.form("name").orElse("").strip();
    String typed = request.form("password").orElse("");
    if (name.isEmpty() || typed.isEmpty()) {
      return loginPage(400, name, "Type your name and your password.");
    }
    if (name.length() > AdminName.MAX_LENGTH || typed.length() > PasswordPolicy.MAX_LENGTH * 2) {
      return loginPage(401, "", WRONG_CREDENTIALS);
    }
    String login = throttleKey(name);
    ClientNetwork network = ClientNetwork.of(request.remoteAddress());
    LoginThrottle.Admission admission = context.logins().admit(login, network);
    if (admission.blocked()) {
      context.securityLog().authFailed(PROTOCOL, request.remoteAddress(), login, "blocked");
      return loginPage(429, name, THROTTLED);
    }
    char[] password = typed.toCharArray();
    Optional<AdminCredentials> admin;
    try {
      admin = context.directory().adminAccounts().authenticate(name, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (admin.isEmpty()) {
      fail(request, login);
      return loginPage(401, name, WRONG_CREDENTIALS);
    }
    AdminCredentials credentials = admin.get();
    Pending next =
        credentials.enrolled()
            ? pending.start(credentials.name(), Stage.VERIFY, new byte[0])
            : pending.start(credentials.name(), Stage.ENROLL, Totp.newSecret());
    return WebResponse.redirect(next.stage == Stage.ENROLL ? "/admin/enroll" : "/admin/verify")
        .header("Set-Cookie", pending.cookie(next))
        .header("Set-Cookie", clearFormCookie());
  }

  // Step two, first time: enrolment

  WebResponse enrollForm(WebRequest request) {
    Optional<Pending> p = pending.find(request, Stage.ENROLL);
    if (p.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    return enrollPage(200, p.get(), null);
  }

  WebResponse enroll(WebRequest request) throws WebException {
    Optional<Pending> found = pending.find(request, Stage.ENROLL);
    if (found.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    Pending p = found.get();
    WebSessions.requireCsrf(request, p.csrf);
    String login = throttleKey(p.admin);
    if (context.logins().admit(login, network(request)).blocked()) {
      pending.end(p);
      context.securityLog().authFailed(PROTOCOL, request.remoteAddress(), login, "blocked");
      return loginPage(429, p.admin, THROTTLED).header("Set-Cookie", PendingLogins.clearCookie());
    }
    byte[] secret = p.secret();
    try {
      OptionalLong step =
          Totp.verify(secret, code(request), context.clock().instant(), Long.MIN_VALUE);
      if (step.isEmpty()) {
        return wrongCode(request, p, login);
      }
      List<String> codes = ConsoleSecrets.newRecoveryCodes(AdminAccounts.RECOVERY_CODES);
      List<byte[]> digests = new ArrayList<>();
      for (String code : codes) {
        digests.add(secrets.digest(p.admin, ConsoleSecrets.normalizeRecoveryCode(code).get()));
      }
      boolean enrolled;
      try {
        enrolled =
            context
                .directory()
                .adminAccounts()
                .enroll(p.admin, secrets.seal(p.admin, secret), step.getAsLong(), digests);
      } catch (UnknownAdminException e) {
        enrolled = false;
      }
      pending.end(p);
      if (!enrolled) {
        // Removed, or enrolled by another login meanwhile: start again from the password.
        return loginPage(409, p.admin, "This account changed meanwhile; log in again.")
            .header("Set-Cookie", PendingLogins.clearCookie());
      }
      WebSession session = succeed(request, p.admin);
      Map<String, Object> params = new HashMap<>();
      params.put("codes", codes);
      params.put("admin", p.admin);
      return Templates.page("console/recovery.jte", params)
          .header("Set-Cookie", context.sessions().cookie(session))
          .header("Set-Cookie", PendingLogins.clearCookie());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  // Step two, enrolled: a code or a recovery code

  WebResponse verifyForm(WebRequest request) {
    Optional<Pending> p = pending.find(request, Stage.VERIFY);
    if (p.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    return verifyPage(200, p.get(), null);
  }

  WebResponse verify(WebRequest request) throws WebException {
    Optional<Pending> found = pending.find(request, Stage.VERIFY);
    if (found.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    Pending p = found.get();
    WebSessions.requireCsrf(request, p.csrf);
    String login = throttleKey(p.admin);
    if (context.logins().admit(login, network(request)).blocked()) {
      pending.end(p);
      context.securityLog().authFailed(PROTOCOL, request.remoteAddress(), login, "blocked");
      return loginPage(429, p.admin, THROTTLED).header("Set-Cookie", PendingLogins.clearCookie());
    }
    AdminAccounts admins = context.directory().adminAccounts();
    Optional<AdminCredentials> credentials = admins.credentials(p.admin);
    if (credentials.isEmpty()
        || !credentials.get().enrolled()
        || credentials.get().sealedTotpSecret().isEmpty()) {
      pending.end(p);
      return loginPage(409, p.admin, "This account changed meanwhile; log in again.")
          .header("Set-Cookie", PendingLogins.clearCookie());
    }
    String code = code(request);
    boolean accepted;
    Optional<String> recovery = ConsoleSecrets.normalizeRecoveryCode(code);
    if (recovery.isPresent()) {
      accepted = admins.useRecoveryCode(p.admin, secrets.digest(p.admin, recovery.get()));
    } else {
      accepted = totpAccepted(admins, credentials.get(), code);
    }
    if (!accepted) {
      return wrongCode(request, p, login);
    }
    pending.end(p);
    WebSession session = succeed(request, p.admin);
    return WebResponse.redirect("/admin/health")
        .header("Set-Cookie", context.sessions().cookie(session))
        .header("Set-Cookie", PendingLogins.clearCookie());
  }

  private boolean totpAccepted(AdminAccounts admins, AdminCredentials credentials, String code) {
    Optional<byte[]> secret =
        secrets.open(credentials.name(), credentials.sealedTotpSecret().get());
    if (secret.isEmpty()) {
      // Sealed under another node's outbound secret: only `admin reset-2fa` helps.
      return false;
    }
    try {
      OptionalLong step =
          Totp.verify(secret.get(), code, context.clock().instant(), credentials.lastStep());
      // The directory accepts a step once, even for two logins racing with one code.
      return step.isPresent() && admins.acceptStep(credentials.name(), step.getAsLong());
    } finally {
      Arrays.fill(secret.get(), (byte) 0);
    }
  }

  // Logout

  WebResponse logout(WebRequest request) throws WebException {
    Optional<WebSession> session = context.sessions().find(request, WebSession.Kind.ADMIN);
    if (session.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    WebSessions.requireCsrf(request, session.get());
    context.sessions().end(session.get());
    return WebResponse.redirect(ConsoleAccess.LOGIN)
        .header("Set-Cookie", WebSessions.clearCookie(WebSession.Kind.ADMIN));
  }

  // Shared

  private WebSession succeed(WebRequest request, String admin) throws WebException {
    context.logins().succeeded(throttleKey(admin), network(request));
    context.securityLog().authSucceeded(PROTOCOL);
    return context.sessions().start(WebSession.Kind.ADMIN, admin, null);
  }

  private void fail(WebRequest request, String login) {
    // The delay the throttle asks for is not waited out here (ADR 0264): the count and the block
    // are what hold a guesser back, and a sleeping worker would be a cheap way to starve the site.
    FailedLogin.record(
        context.logins(),
        context.securityLog(),
        PROTOCOL,
        request.remoteAddress(),
        login,
        "bad-credentials");
  }

  private WebResponse wrongCode(WebRequest request, Pending p, String login) {
    fail(request, login);
    if (pending.failed(p)) {
      return loginPage(401, p.admin, "Too many wrong codes; log in again.")
          .header("Set-Cookie", PendingLogins.clearCookie());
    }
    return p.stage == Stage.ENROLL
        ? enrollPage(401, p, WRONG_CODE)
        : verifyPage(401, p, WRONG_CODE);
  }

  private WebResponse loginPage(int status, String name, String error) {
    String token = PendingLogins.token();
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", token);
    params.put("name", name);
    params.put("error", error);
    return WebResponse.html(status, Templates.render("console/login.jte", params))
        .header(
            "Set-Cookie",
            FORM_COOKIE
                + "="
                + token
                + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=3600");
  }

  private WebResponse enrollPage(int status, Pending p, String error) {
    byte[] secret = p.secret();
    try {
      String uri = Totp.uri(ISSUER, p.admin, secret);
      Map<String, Object> params = new HashMap<>();
      params.put("csrf", p.csrf);
      params.put("admin", p.admin);
      params.put("qr", QrSvg.render(uri, "QR code for your authenticator app"));
      params.put("secret", Totp.base32(secret));
      params.put("error", error);
      return WebResponse.html(status, Templates.render("console/enroll.jte", params));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private WebResponse verifyPage(int status, Pending p, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", p.csrf);
    params.put("admin", p.admin);
    params.put("error", error);
    return WebResponse.html(status, Templates.render("console/verify.jte", params));
  }

  private static String clearFormCookie() {
    return FORM_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private static String code(WebRequest request) {
    String code = request.form("code").orElse("").strip();
    return code.length() > MAX_CODE_LENGTH ? "" : code;
  }

  private static ClientNetwork network(WebRequest request) {
    return ClientNetwork.of(request.remoteAddress());
  }

  /** Admins and aliases never share a throttle count: no alias address starts like this. */
  private static String throttleKey(String name) {
    return "admin:" + name.toLowerCase(java.util.Locale.ROOT);
  }
}
