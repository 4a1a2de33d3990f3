package dev.mailvault.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's stylesheet, script and icons, built into the jar under {@code
 * dev/mailvault/server/web/static/} and served at {@code /static/NAME} (no build step: they are
 * written by hand and kept small).
 */
public final class StaticAssets {

  private static final String ROOT = "/dev/mailvault/server/web/static/";
  private static final Map<String, String> TYPES =
      Map.of(
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Serves {@code GET /static/{name}}. */
  public void register(Routes routes) {
    routes.get("/static/{name}", this::serve);
  }

  private WebResponse serve(WebRequest request) throws WebException, IOException {
    String name = request.pathParam("name");
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (type == null || !name.matches("[a-z0-9-]+\\.[a-z]+")) {
      throw WebException.notFound("no such file");
    }
    byte[] bytes = cache.get(name);
    if (bytes == null) {
      try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw WebException.notFound("no such file");
        }
        bytes = in.readAllBytes();
      }
      cache.put(name, bytes);
    }
    // Assets change only with the jar; an hour is short enough for an upgrade.
    return WebResponse.bytes(200, type, bytes).header("Cache-Control", "public, max-age=3600");
  }
}
