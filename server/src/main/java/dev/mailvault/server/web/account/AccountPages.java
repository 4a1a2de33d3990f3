package dev.mailvault.server.web.account;

import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebHandler;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import java.util.Map;
import java.util.Optional;

/**
 * "My account" for an alias owner (issue 17, ADR 0267): pages under {@code /account}, reached with
 * the alias's main password (and its TOTP code when it has one). The ACCOUNT session holds the
 * unlocked alias; the password is not kept past the login request.
 */
public final class AccountPages {

  static final String LOGIN = "/account/login";

  private AccountPages() {}

  /** Registers every My account route (called from {@code WebSetup.secureRoutes}). */
  public static void register(Routes routes, WebContext context) {
    AccountPages.Guard guard = new Guard(context.sessions());
    new AccountLogin(context, guard).register(routes);
    new AccountSecurity(context, guard).register(routes);
    new AccountSettings(context, guard).register(routes);
    new AccountData(context, guard).register(routes);
  }

  /** A handler of a logged-in owner's request. */
  @FunctionalInterface
  interface Handler {
    WebResponse handle(WebRequest request, WebSession session, UnlockedAlias alias)
        throws Exception;
  }

  /** Finds the ACCOUNT session; GETs without one go to the login page, POSTs also check CSRF. */
  static final class Guard {
    private final WebSessions sessions;

    Guard(WebSessions sessions) {
      this.sessions = sessions;
    }

    WebHandler page(Handler handler) {
      return request -> {
        Optional<WebSession> session = sessions.find(request, WebSession.Kind.ACCOUNT);
        Optional<UnlockedAlias> alias = session.flatMap(s -> s.held(UnlockedAlias.class));
        if (alias.isEmpty()) {
          return WebResponse.redirect(LOGIN);
        }
        return handler.handle(request, session.get(), alias.get());
      };
    }

    WebHandler form(Handler handler) {
      return page(
          (request, session, alias) -> {
            WebSessions.requireCsrf(request, session);
            return handler.handle(request, session, alias);
          });
    }
  }

  /** A page that shows a secret once: never cached, never stored by the browser. */
  static WebResponse secretPage(String template, Map<String, Object> params) {
    return Templates.page(template, params)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }

  /** A form field, trimmed, at most {@code max} characters (longer is refused, not cut). */
  static String field(WebRequest request, String name, int max) throws WebException {
    String value = request.form(name).orElse("");
    if (value.length() > max) {
      throw WebException.badRequest(name + " is too long");
    }
    return value;
  }

  /** Bytes for people: 1.5 MB, 120 KB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
