package dev.mailvault.server.web;

import dev.mailvault.server.web.account.AccountPages;
import dev.mailvault.server.web.api.ApiRoutes;
import dev.mailvault.server.web.autoconfig.AutoconfigRoutes;
import dev.mailvault.server.web.console.Console;
import dev.mailvault.server.web.console.ConsoleRoutes;
import java.util.function.IntSupplier;

/**
 * Builds the node's web routes (ADR 0258): everything on HTTPS; on plain HTTP only what must work
 * without TLS (autoconfiguration), and a redirect to HTTPS for the rest. Each feature registers its
 * own routes here.
 */
public final class WebSetup {

  private WebSetup() {}

  /** The routes of the HTTPS listener. */
  public static Routes secureRoutes(WebContext context) {
    Routes routes = new Routes();
    new StaticAssets().register(routes);
    AutoconfigRoutes.register(routes, context);
    AccountPages.register(routes, context);
    ConsoleRoutes.register(routes, context);
    Console.register(routes, context);
    ApiRoutes.register(routes, context);
    return routes;
  }

  /**
   * The routes of the HTTP listener: a redirect to HTTPS for whatever needs a session or a token.
   */
  public static Routes plainRoutes(WebContext context, IntSupplier httpsPort) {
    Routes routes = new Routes();
    AutoconfigRoutes.registerPlain(routes, context);
    routes.fallback(request -> toHttps(request, httpsPort.getAsInt()));
    return routes;
  }

  /**
   * 308 to the same path on HTTPS for a page (the method and body are kept); the API answers 403
   * instead, so a token is never sent in the clear twice.
   */
  static WebResponse toHttps(WebRequest request, int httpsPort) throws WebException {
    if (request.path().startsWith("/api/")) {
      throw new WebException(403, "https_required", "the API is served over HTTPS only");
    }
    String host = request.host().orElse("localhost");
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    return WebResponse.text(308, "text/plain; charset=utf-8", "use HTTPS\n")
        .header("Location", "https://" + host + port + request.uri());
  }
}
