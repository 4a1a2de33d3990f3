package dev.mailvault.core.metrics;

/**
 * What the mail side of a node counts for {@code /metrics} (ADR 0256), told by the shared protocol
 * runtime, the security log, the local delivery and the vault store. The server implements it with
 * Micrometer; every other module sees only this interface, and {@link #NONE} where nothing counts.
 *
 * <p>Every argument is from a closed set written by the server (a protocol's name, a verb from a
 * command table, an outcome): never an address, an alias, a vault id or a client's IP, so no label
 * of a metric can carry one. Implementations must be cheap and never block: they are called on
 * event loops and inside deliveries.
 */
public interface MailMetrics {

  /** Counts nothing. */
  MailMetrics NONE = new MailMetrics() {};

  /** How a login attempt ended. */
  enum LoginOutcome {
    /** The password unlocked the alias. */
    OK,
    /** A wrong password or an unknown login. */
    FAILED,
    /** Refused unheard because the login throttle blocks the account or network (ADR 0171). */
    THROTTLED
  }

  /** Where one recipient's copy of an arriving message went (DESIGN §2). */
  enum DeliveryOutcome {
    /** Appended to a vault a session holds open. */
    LIVE,
    /** Sealed into the alias's spool. */
    SPOOL,
    /** Not accepted: the delivery failed and was taken back. */
    REFUSED
  }

  /** A client connected to a listener of {@code protocol} ({@code imap}, {@code smtp}, ...). */
  default void connectionOpened(String protocol) {}

  /** A connection counted by {@link #connectionOpened} closed. */
  default void connectionClosed(String protocol) {}

  /**
   * A command was dispatched.
   *
   * @param verb the verb of the command table's row, or {@code null} when the table has none
   */
  default void command(String protocol, String verb) {}

  /** A login attempt over {@code protocol} ended with {@code outcome}. */
  default void login(String protocol, LoginOutcome outcome) {}

  /** One recipient's copy of a message ended with {@code outcome}. */
  default void delivery(DeliveryOutcome outcome) {}

  /**
   * An existing vault file was opened (its first handle; later handles share the open file, and
   * creating a vault is not an open).
   */
  default void vaultOpened() {}
}
