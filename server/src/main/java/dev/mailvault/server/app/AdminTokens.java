package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.directory.Directory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admin API tokens (ADR 0261): {@code mvt_} plus 256 random bits in base64url, shown once when
 * made; the directory keeps only the SHA-256. A fast hash is right here: the token is a random
 * 256-bit secret, so there is nothing to guess that a slow hash would protect.
 */
public final class AdminTokens {

  public static final String PREFIX = "mvt_";

  /** GET only. */
  public static final String READ = "read";

  /** Everything the API offers. */
  public static final String ADMIN = "admin";

  public static final Set<String> SCOPES = Set.of(READ, ADMIN);

  /** {@code mvt_} and 43 base64url characters (256 bits). */
  public static final int TOKEN_LENGTH = PREFIX.length() + 43;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;

  public AdminTokens(Directory directory) {
    this.directory = directory;
  }

  /**
   * Makes a token. The returned {@link Created#token()} is the only copy: show it once.
   *
   * @param name what it is for (1 to 64 letters, digits, space and {@code ._@+-})
   * @param scope {@link #READ} or {@link #ADMIN}
   */
  public Created create(String name, String scope) throws MailvaultException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new MailvaultException(
          "a token name is 1 to 64 letters, digits, spaces or ._@+- and starts with a letter or"
              + " digit");
    }
    if (!SCOPES.contains(scope)) {
      throw new MailvaultException("the scope is read or admin, not '" + scope + "'");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    AdminTokenInfo info = directory.createAdminToken(name, scope, hash(token));
    return new Created(info, token);
  }

  /** Every token, revoked ones included, oldest first. */
  public List<AdminTokenInfo> list() {
    return directory.listAdminTokens();
  }

  /**
   * Revokes a token at once.
   *
   * @throws MailvaultException when no live token has this id
   */
  public void revoke(long id) throws MailvaultException {
    if (!directory.revokeAdminToken(id)) {
      throw new UnknownTokenException(id);
    }
  }

  /** The live token a client presented, with its use recorded; empty when it opens nothing. */
  public Optional<AdminTokenInfo> authenticate(String presented) {
    if (presented == null || presented.length() != TOKEN_LENGTH || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return directory.useAdminToken(hash(presented));
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new token and its stored record. */
  public record Created(AdminTokenInfo info, String token) {
    @Override
    public String toString() {
      return "Created[" + info + "]";
    }
  }

  /** No live token has this id. */
  public static final class UnknownTokenException extends MailvaultException {
    private static final long serialVersionUID = 1L;

    UnknownTokenException(long id) {
      super("no live token with id " + id);
    }
  }
}
