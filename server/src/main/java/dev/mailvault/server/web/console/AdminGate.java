package dev.mailvault.server.web.console;

import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebHandler;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;

/**
 * The one door of the admin console: every page and form behind the login passes here. Without a
 * live admin session of an admin who still exists the browser is sent to {@link #LOGIN} (303); a
 * form's POST must also carry the session's CSRF token (403 otherwise, and nothing is changed).
 */
public final class AdminGate {

  /** Where the console's login lives (its own feature). */
  public static final String LOGIN = "/admin/login";

  /** A console handler, given the admin's session. */
  @FunctionalInterface
  public interface AdminHandler {
    WebResponse handle(WebRequest request, WebSession session) throws Exception;
  }

  private final WebContext context;

  public AdminGate(WebContext context) {
    this.context = context;
  }

  /** A page (GET): needs an admin session. */
  public WebHandler page(AdminHandler handler) {
    return request -> {
      WebSession session = ConsoleAccess.session(context, request).orElse(null);
      if (session == null) {
        return WebResponse.redirect(LOGIN);
      }
      return handler.handle(request, session);
    };
  }

  /** A form's POST: needs an admin session and its CSRF token. */
  public WebHandler form(AdminHandler handler) {
    return request -> {
      WebSession session = ConsoleAccess.session(context, request).orElse(null);
      if (session == null) {
        return WebResponse.redirect(LOGIN);
      }
      WebSessions.requireCsrf(request, session);
      return handler.handle(request, session);
    };
  }
}
