package dev.mailvault.server.web.api;

import dev.mailvault.server.web.WebException;
import java.util.Map;

/** {@code /api/v1/queue} (list, show, retry, remove) and {@code /api/v1/sessions} (list, end). */
final class ServerApi {

  private ServerApi() {}

  /** Queue ids and session handles are short tokens; anything longer is not one. */
  private static final int MAX_ID = 64;

  static void register(ApiRoutes api) {
    api.get("/queue", (request, token) -> ApiRoutes.ok(api.queue.list()));
    api.get(
        "/queue/{id}",
        (request, token) -> ApiRoutes.ok(api.queue.show(id(request.pathParam("id")))));
    api.post(
        "/queue/{id}/retry",
        (request, token) -> {
          String id = id(request.pathParam("id"));
          api.queue.retry(id);
          return ApiRoutes.ok(Map.of("id", id, "retried", true));
        });
    api.delete(
        "/queue/{id}",
        (request, token) -> {
          String id = id(request.pathParam("id"));
          api.queue.remove(id);
          return ApiRoutes.ok(Map.of("id", id, "removed", true));
        });
    api.get(
        "/sessions",
        (request, token) ->
            ApiRoutes.ok(api.sessions.list().stream().map(ApiViews::session).toList()));
    api.delete(
        "/sessions/{handle}",
        (request, token) -> {
          String handle = id(request.pathParam("handle"));
          if (!api.sessions.end(handle)) {
            throw WebException.notFound("no such session");
          }
          return ApiRoutes.ok(Map.of("handle", handle, "ended", true));
        });
  }

  private static String id(String text) throws WebException {
    if (text.length() > MAX_ID) {
      throw WebException.badRequest("an id is at most " + MAX_ID + " characters");
    }
    return text;
  }
}
