package dev.mailvault.server.web.console;

import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.Browser;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import org.openqa.selenium.Cookie;

/**
 * Logs a test in as an admin without the login page (for tests of the data pages; the login itself
 * is {@link ConsoleLogin}'s): a session started on the node for an admin that exists, its cookie
 * given to a {@code WebClient} (a {@code Cookie} header) or to the browser. Not named {@code
 * AdminLogin}: a test class of that name would hide the main class of the login.
 */
final class ConsoleSession {

  private ConsoleSession() {}

  /** The admin the sessions belong to: it must exist, or the console ends its session. */
  static final String NAME = "root";

  /** A new admin session's cookie, {@code name=value}; adds the admin {@link #NAME} if missing. */
  static String cookie(TestedNode node) throws Exception {
    if (node.directory().adminAccounts().find(NAME).isEmpty()) {
      java.util.Arrays.fill(node.directory().adminAccounts().add(NAME), '\0');
    }
    WebSessions sessions = node.webSessions();
    WebSession session = sessions.start(WebSession.Kind.ADMIN, NAME, null);
    return sessions.cookie(session).split(";", 2)[0];
  }

  /** Puts a new admin session into the browser (it opens a page of the site first). */
  static void into(Browser browser, TestedNode node) throws Exception {
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
