package dev.mailvault.server.app;

import dev.mailvault.server.web.WebSessions;
import java.util.List;

/**
 * The node's web sessions (admin console and My account): list them and end one. A session is named
 * by a handle derived from its cookie, never by the cookie itself (ADR 0262).
 */
public final class SessionOperations {

  private final WebSessions sessions;

  public SessionOperations(WebSessions sessions) {
    this.sessions = sessions;
  }

  /** The live sessions, oldest first. */
  public List<WebSessions.Listed> list() {
    return sessions.list();
  }

  /** Ends the session with this handle (what it holds unlocked is closed); false if none. */
  public boolean end(String handle) {
    return sessions.endByHandle(handle);
  }
}
