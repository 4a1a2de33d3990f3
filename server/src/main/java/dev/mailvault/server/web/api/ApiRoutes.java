package dev.mailvault.server.web.api;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.server.app.AdminTokens;
import dev.mailvault.server.app.AliasOperations;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.DomainOperations;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.SessionOperations;
import dev.mailvault.server.web.NodeOperations;
import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON API under {@code /api/v1} (ADR 0260): every operation of the application layer behind an
 * admin token, answered in JSON, errors as {@code {"error": CODE, "message": TEXT}} with the fixed
 * codes of {@link ApiErrors}. The OpenAPI document ({@code openapi.json} beside this class)
 * describes each route and is served without a token.
 */
public final class ApiRoutes {

  static final String BASE = "/api/v1";

  /** A handler of an authenticated API route. */
  @FunctionalInterface
  interface ApiHandler {
    WebResponse handle(WebRequest request, AdminTokenInfo token)
        throws WebException, MailvaultException, IOException;
  }

  private final Routes routes;
  private final ApiAuth auth;
  final DomainOperations domains;
  final AliasOperations aliases;
  final BackupOperations backups;
  final QueueOperations queue;
  final SessionOperations sessions;
  final WebContext context;
  final ApiJobs jobs;

  private ApiRoutes(Routes routes, WebContext context) {
    this.routes = routes;
    this.context = context;
    this.auth = new ApiAuth(new AdminTokens(context.directory()));
    NodeOperations operations = NodeOperations.of(context);
    this.domains = operations.domains();
    this.aliases = operations.aliases();
    this.backups = operations.backups();
    this.queue = operations.queue();
    this.sessions = operations.sessions();
    this.jobs = new ApiJobs(context.clock());
  }

  /** Adds the API's routes (called once from {@code WebSetup.secureRoutes}). */
  public static void register(Routes routes, WebContext context) {
    ApiRoutes api = new ApiRoutes(routes, context);
    routes.get(BASE + "/openapi.json", request -> openApi());
    DomainApi.register(api);
    AliasApi.register(api);
    BackupApi.register(api);
    ServerApi.register(api);
  }

  void get(String path, ApiHandler handler) {
    routes.get(BASE + path, request -> run(request, handler));
  }

  void post(String path, ApiHandler handler) {
    routes.post(BASE + path, request -> run(request, handler));
  }

  void put(String path, ApiHandler handler) {
    routes.put(BASE + path, request -> run(request, handler));
  }

  void delete(String path, ApiHandler handler) {
    routes.delete(BASE + path, request -> run(request, handler));
  }

  /** Authenticates, runs, and turns every refusal into the API's JSON error. */
  private WebResponse run(WebRequest request, ApiHandler handler) {
    try {
      AdminTokenInfo token = auth.require(request);
      return handler.handle(request, token);
    } catch (ApiAuth.Unauthorized e) {
      return error(e).header("WWW-Authenticate", "Bearer realm=\"mailvault\"");
    } catch (WebException e) {
      return error(e);
    } catch (MailvaultException e) {
      return error(ApiErrors.map(e));
    } catch (IOException e) {
      return error(new WebException(502, ApiErrors.STORAGE, "storage failed"));
    }
  }

  static WebResponse error(WebException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code());
    body.put("message", e.getMessage());
    WebResponse answer = WebResponse.json(e.status(), body);
    // RFC 9110 §10.2.3: a 503 says when to try again (a primary failing over, ADR 0286).
    return e.status() == 503
        ? answer.header("Retry-After", String.valueOf(WebException.RETRY_AFTER_SECONDS))
        : answer;
  }

  static WebResponse ok(Object body) {
    return WebResponse.json(200, body);
  }

  /** An address from a path segment, bounded before it is parsed. */
  static EmailAddress address(WebRequest request, String param) throws WebException {
    return parseAddress(request.pathParam(param));
  }

  static EmailAddress parseAddress(String text) throws WebException {
    if (text.length() > ApiBody.MAX_ADDRESS) {
      throw WebException.badRequest("an address is at most " + ApiBody.MAX_ADDRESS + " characters");
    }
    try {
      return EmailAddress.parse(text);
    } catch (InvalidAddressException e) {
      throw WebException.badRequest("not an address: " + e.getMessage());
    }
  }

  static DomainName domain(String text) throws WebException {
    if (text.length() > 253) {
      throw WebException.badRequest("a domain is at most 253 characters");
    }
    try {
      return DomainName.parse(text);
    } catch (InvalidAddressException e) {
      throw WebException.badRequest("not a domain: " + e.getMessage());
    }
  }

  /** Who owns a job or an export made through the API: the token. */
  static String owner(AdminTokenInfo token) {
    return "api-token:" + token.id();
  }

  private static WebResponse openApi() throws IOException {
    try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the build");
      }
      return WebResponse.bytes(200, "application/json", in.readAllBytes());
    }
  }
}
