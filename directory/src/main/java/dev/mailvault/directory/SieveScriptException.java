package dev.mailvault.directory;

/**
 * A Sieve script operation the directory refuses (RFC 5804 §1.3 names each as a response code). The
 * message names neither the alias nor the script.
 */
public final class SieveScriptException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  /** Why it was refused. */
  public enum Reason {
    /** No script of that name (RFC 5804 NONEXISTENT). */
    NO_SUCH_SCRIPT("no script of that name"),
    /** The active script cannot be deleted (RFC 5804 §2.10, ACTIVE). */
    ACTIVE("the active script cannot be deleted"),
    /** A rename onto a name in use (RFC 5804 §2.11.1, ALREADYEXISTS). */
    NAME_TAKEN("a script of that name exists"),
    /** Longer than {@link SieveLimits#maxScriptOctets()} (QUOTA/MAXSIZE). */
    TOO_LARGE("the script is too large"),
    /** One more than {@link SieveLimits#maxScripts()} (QUOTA/MAXSCRIPTS). */
    TOO_MANY("too many scripts"),
    /** Not a name {@link SieveLimits#validName} accepts. */
    BAD_NAME("not a valid script name");

    private final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  private final Reason reason;

  public SieveScriptException(Reason reason) {
    super(reason.message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
