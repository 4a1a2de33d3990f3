package dev.mailvault.server.web.console;

import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.util.Optional;

/**
 * Who may see a console page: a request with a live ADMIN session whose admin still exists (one
 * removed with {@code admin remove} while logged in is logged out at its next page).
 */
final class ConsoleAccess {

  static final String LOGIN = "/admin/login";

  private ConsoleAccess() {}

  /** The admin's session, or empty (and a removed admin's session ended). */
  static Optional<WebSession> session(WebContext context, WebRequest request) {
    Optional<WebSession> session = context.sessions().find(request, WebSession.Kind.ADMIN);
    if (session.isPresent()
        && context.directory().adminAccounts().find(session.get().principal()).isEmpty()) {
      context.sessions().end(session.get());
      return Optional.empty();
    }
    return session;
  }

  /** The answer to a page asked for without a session: to the login page. */
  static WebResponse toLogin() {
    return WebResponse.redirect(LOGIN);
  }
}
