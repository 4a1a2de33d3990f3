package dev.mailvault.server.web.console;

import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.web.Browser;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import org.openqa.selenium.Cookie;

/**
 * Logs a test in as an admin without the login page (another feature's): a session started on the
 * node, its cookie given to a {@code WebClient} (a {@code Cookie} header) or to the browser.
 */
final class AdminLogin {

  private AdminLogin() {}

  /** A new admin session's cookie, {@code name=value}. */
  static String cookie(MailvaultNode node) throws Exception {
    WebSessions sessions = node.webSessions();
    WebSession session = sessions.start(WebSession.Kind.ADMIN, "root", null);
    return sessions.cookie(session).split(";", 2)[0];
  }

  /** Puts a new admin session into the browser (it opens a page of the site first). */
  static void into(Browser browser, MailvaultNode node) throws Exception {
    String[] pair = cookie(node).split("=", 2);
    browser.open("/static/mailvault.css");
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder(pair[0], pair[1])
                .path("/")
                .isSecure(true)
                .isHttpOnly(true)
                .sameSite("Strict")
                .build());
  }
}
