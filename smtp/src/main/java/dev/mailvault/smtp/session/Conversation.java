package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.util.Optional;

/**
 * What a session has learnt from its client, and the {@link SmtpState} that follows from it. Every
 * change of state is made here, so the state and the fields it describes cannot disagree.
 *
 * <p>Concurrency: owned by one {@link SmtpSession}, used on its serial executor only.
 */
final class Conversation {

  private SmtpState state = SmtpState.CONNECTED;

  /** The EHLO/HELO argument; null in {@link SmtpState#CONNECTED}. */
  private String heloDomain;

  /** EHLO rather than HELO: the trace header's "with" keyword says ESMTP (RFC 3848). */
  private boolean extended;

  /** The open mail transaction; null outside {@link SmtpState#IN_TRANSACTION}. */
  private Transaction transaction;

  /** Submission: the alias AUTH logged in as; null before (RFC 4954 §4). */
  private EmailAddress authenticated;

  SmtpState state() {
    return state;
  }

  String heloDomain() {
    return heloDomain;
  }

  boolean extended() {
    return extended;
  }

  /** The open transaction; callers hold a state of {@link SmtpState#IN_TRANSACTION}. */
  Transaction transaction() {
    return transaction;
  }

  /** Submission: who logged in; RFC 4954 §4 allows no second AUTH on the connection. */
  Optional<EmailAddress> authenticated() {
    return Optional.ofNullable(authenticated);
  }

  void authenticated(EmailAddress alias) {
    authenticated = alias;
  }

  /** EHLO or HELO: RFC 5321 §4.1.4, a greeting also ends the transaction. */
  void greeted(String domain, boolean ehlo) {
    endTransaction();
    heloDomain = domain;
    extended = ehlo;
    state = SmtpState.GREETED;
  }

  /** STARTTLS: RFC 3207 §4.2, forget everything learnt from the client before TLS. */
  void forget() {
    endTransaction();
    heloDomain = null;
    extended = false;
    authenticated = null;
    state = SmtpState.CONNECTED;
  }

  /** MAIL accepted. */
  void mail(Transaction opened) {
    transaction = opened;
    state = SmtpState.MAIL;
  }

  /** RCPT accepted; during BDAT the transaction stays in {@link SmtpState#BDAT}. */
  void recipient(String forwardPath, Routed routed) {
    transaction.addRecipient(forwardPath, routed);
    if (state == SmtpState.MAIL) {
      state = SmtpState.RCPT;
    }
  }

  /** Submission: RCPT accepted, with its DSN options (RFC 3461 §4.1, §4.2). */
  void recipient(OutboundRecipient recipient) {
    transaction.addRecipient(recipient);
    if (state == SmtpState.MAIL) {
      state = SmtpState.RCPT;
    }
  }

  /** A BDAT chunk was kept; DATA is out of sequence from now on (RFC 3030 §3). */
  void chunked() {
    state = SmtpState.BDAT;
  }

  /**
   * The message is complete: hands over the transaction, which the caller delivers and then closes,
   * and leaves the conversation greeted.
   */
  Transaction finish() {
    Transaction finished = transaction;
    transaction = null;
    state = SmtpState.GREETED;
    return finished;
  }

  /**
   * The transaction is over: the message was delivered or refused, or RSET, EHLO, HELO or STARTTLS
   * ended it. What its chunks hold goes back to the budget (ADR 0165).
   */
  void endTransaction() {
    if (transaction != null) {
      transaction.close();
      transaction = null;
    }
    if (SmtpState.IN_TRANSACTION.contains(state)) {
      state = SmtpState.GREETED;
    }
  }

  /** QUIT, a 421, or the connection gone. */
  void close() {
    endTransaction();
    state = SmtpState.CLOSED;
  }
}
