package dev.mailvault.server.web.console;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.cli.VersionProvider;
import dev.mailvault.server.http.Readiness;
import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/health}: what {@code /healthz} and {@code /readyz} say, in words, with the queue's
 * depth, the live web sessions and the version. Readiness is asked here, on a worker thread: the
 * directory read it makes must not run on an event loop, and this page is rare.
 */
final class HealthPage {

  private final WebContext context;

  HealthPage(WebContext context) {
    this.context = context;
  }

  WebResponse show(WebRequest request) {
    Optional<WebSession> session = ConsoleAccess.session(context, request);
    if (session.isEmpty()) {
      return ConsoleAccess.toLogin();
    }
    String problem = context.health().problem();
    String warning = context.health().warning();
    String status = problem != null ? "unavailable" : warning != null ? "degraded" : "ok";
    // This page comes from the HTTPS listener, the last the node binds: the listeners are up.
    String notReady = new Readiness(() -> true, () -> context.directory().account()).get();
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.get().csrfToken());
    params.put("admin", session.get().principal());
    params.put("status", status);
    params.put("problem", problem);
    params.put("warning", warning);
    params.put("ready", notReady == null);
    params.put("notReady", notReady == null ? "" : notReady);
    params.put("queueDepth", queueDepth());
    params.put("webSessions", context.sessions().size());
    params.put("version", VersionProvider.describe());
    return Templates.page("console/health.jte", params);
  }

  /**
   * How many messages wait, or -1 when a cluster's primary did not answer: the page still shows.
   */
  private int queueDepth() {
    try {
      return context.queue().list().size();
    } catch (MailvaultException e) {
      return -1;
    }
  }
}
