package dev.mailvault.server.web.console;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import dev.mailvault.server.web.WebSession;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /admin/queue}: the outbound queue as {@code queue list} shows it (id, recipients by
 * domain, attempts, next attempt, last error; never a local part or a byte of the message), with
 * retry and remove, answered by the running queue itself (on a cluster's front-end, by the
 * primaries' queues: {@code QueueOperations}' maps are the one shape both give).
 */
public final class QueuePage {

  /** One queued message as listed. */
  public record ItemRow(
      String id,
      String accepted,
      String size,
      int recipients,
      String domains,
      int attempts,
      String next,
      String lastError) {}

  private final WebContext context;

  private QueuePage(WebContext context) {
    this.context = context;
  }

  static void register(Routes routes, WebContext context, AdminGate gate) {
    QueuePage page = new QueuePage(context);
    routes.get("/admin/queue", gate.page(page::list));
    routes.post("/admin/queue/retry", gate.form(page::retry));
    routes.post("/admin/queue/remove", gate.form(page::remove));
  }

  private WebResponse list(WebRequest request, WebSession session) throws Exception {
    String done = request.query("done").orElse("");
    String notice =
        switch (done) {
          case "retried" -> "The message is due now: the queue is trying it.";
          case "removed" -> "The message was removed from the queue; its sender gets no report.";
          default -> "";
        };
    return page(session, 200, notice, "");
  }

  private WebResponse page(WebSession session, int status, String notice, String error)
      throws MailvaultException {
    List<ItemRow> rows = context.queue().list().stream().map(QueuePage::row).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", session.csrfToken());
    params.put("items", rows);
    params.put("notice", notice);
    params.put("error", error);
    return ConsolePages.render(status, "console/queue.jte", params);
  }

  /** A row from {@code QueueEntry.toMap()}'s shape. */
  private static ItemRow row(Map<String, Object> item) {
    Collection<?> recipients = (Collection<?>) item.get("recipients");
    String errors =
        recipients.stream()
            .map(r -> String.valueOf(((Map<?, ?>) r).get("lastError")))
            .filter(s -> !s.isEmpty())
            .distinct()
            .collect(Collectors.joining(" | "));
    String next = String.valueOf(item.get("nextAttempt"));
    return new ItemRow(
        String.valueOf(item.get("id")),
        ConsolePages.time(Instant.parse(String.valueOf(item.get("accepted")))),
        ConsolePages.bytes(((Number) item.get("size")).longValue()),
        recipients.size(),
        ((Collection<?>) item.get("domains"))
            .stream().map(String::valueOf).collect(Collectors.joining(", ")),
        ((Number) item.get("attempts")).intValue(),
        next.isEmpty() ? "—" : ConsolePages.time(Instant.parse(next)),
        errors);
  }

  private WebResponse retry(WebRequest request, WebSession session) throws Exception {
    String id = id(request);
    try {
      context.queue().retry(id);
    } catch (UnknownQueueItemException e) {
      return gone(session, id);
    }
    return WebResponse.redirect("/admin/queue?done=retried");
  }

  private WebResponse remove(WebRequest request, WebSession session) throws Exception {
    String id = id(request);
    try {
      context.queue().remove(id);
    } catch (UnknownQueueItemException e) {
      return gone(session, id);
    } catch (MailvaultException e) {
      return page(session, 500, "", e.getMessage());
    }
    return WebResponse.redirect("/admin/queue?done=removed");
  }

  private WebResponse gone(WebSession session, String id) throws MailvaultException {
    return page(session, 404, "", "No queue item " + id + ": it was delivered or removed.");
  }

  private static String id(WebRequest request) throws WebException {
    String id = ConsolePages.form(request, "id", 64).orElse("");
    if (!id.matches("[A-Za-z0-9-]{1,64}")) {
      throw WebException.badRequest("which queue item?");
    }
    return id;
  }
}
