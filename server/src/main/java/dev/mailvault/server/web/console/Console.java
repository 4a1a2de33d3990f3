package dev.mailvault.server.web.console;

import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebResponse;

/**
 * The admin console's login, shell and health page (issue 17, ADR 0263-0265). The data pages
 * (domains, aliases, backups, queue) register their own routes under {@code /admin/}.
 */
public final class Console {

  private Console() {}

  public static void register(Routes routes, WebContext context) {
    AdminLogin login = new AdminLogin(context);
    HealthPage health = new HealthPage(context);
    routes.get("/admin", request -> WebResponse.redirect("/admin/health"));
    routes.get("/admin/login", login::loginForm);
    routes.post("/admin/login", login::login);
    routes.get("/admin/enroll", login::enrollForm);
    routes.post("/admin/enroll", login::enroll);
    routes.get("/admin/verify", login::verifyForm);
    routes.post("/admin/verify", login::verify);
    routes.post("/admin/logout", login::logout);
    routes.get("/admin/health", health::show);
  }
}
