package dev.mailvault.sieve.session;

/**
 * A command answered {@code NO}, with an RFC 5804 §1.3 response code or none. Thrown by handlers
 * and caught at one boundary, the dispatcher. The text is the server's own, never the client's.
 */
public final class SieveFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** RFC 5804 §1.3: the script does not exist. */
  public static final String NONEXISTENT = "NONEXISTENT";

  /** RFC 5804 §1.3: the active script cannot be deleted. */
  public static final String ACTIVE = "ACTIVE";

  /** RFC 5804 §1.3: a script of the new name exists. */
  public static final String ALREADYEXISTS = "ALREADYEXISTS";

  /** RFC 5804 §1.3: over the size limit. */
  public static final String QUOTA_MAXSIZE = "QUOTA/MAXSIZE";

  /** RFC 5804 §1.3: over the number of scripts. */
  public static final String QUOTA_MAXSCRIPTS = "QUOTA/MAXSCRIPTS";

  /** RFC 5804 §1.3: the server's trouble; trying later may succeed. */
  public static final String TRYLATER = "TRYLATER";

  /** RFC 5804 §1.3: the mechanism is not allowed on this connection. */
  public static final String AUTH_TOO_WEAK = "AUTH-TOO-WEAK";

  /** RFC 5804 §1.3: the connection must be encrypted first (STARTTLS). */
  public static final String ENCRYPT_NEEDED = "ENCRYPT-NEEDED";

  private final String code;

  private SieveFailure(String code, String text) {
    super(text, null, false, false);
    this.code = code;
  }

  /** The user's mistake: {@code NO "text"}. */
  public static SieveFailure of(String text) {
    return new SieveFailure(null, text);
  }

  public static SieveFailure withCode(String code, String text) {
    return new SieveFailure(code, text);
  }

  /** The response code, or null. */
  public String code() {
    return code;
  }
}
