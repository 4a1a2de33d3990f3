package dev.mailvault.server.web.api;

import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.server.app.AdminTokens;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} for the API (RFC 6750 §2.1): a missing, unknown or revoked
 * token is 401 with {@code WWW-Authenticate: Bearer}; a read-scoped token on a write is 403.
 */
final class ApiAuth {

  private final AdminTokens tokens;

  ApiAuth(AdminTokens tokens) {
    this.tokens = tokens;
  }

  /** The caller's token, checked for the request's method. */
  AdminTokenInfo require(WebRequest request) throws WebException {
    Optional<String> header = request.header("Authorization");
    String presented = null;
    if (header.isPresent() && header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.get().substring(7).trim();
    }
    Optional<AdminTokenInfo> token = tokens.authenticate(presented);
    if (token.isEmpty()) {
      throw new Unauthorized(
          presented == null
              ? "send Authorization: Bearer TOKEN"
              : "the token is unknown or revoked");
    }
    boolean write = !"GET".equals(request.method()) && !"HEAD".equals(request.method());
    if (write && !AdminTokens.ADMIN.equals(token.get().scope())) {
      throw new WebException(403, ApiErrors.FORBIDDEN, "this token may only read");
    }
    return token.get();
  }

  /** 401; the route adds {@code WWW-Authenticate}. */
  static final class Unauthorized extends WebException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(401, ApiErrors.UNAUTHORIZED, message);
    }
  }
}
