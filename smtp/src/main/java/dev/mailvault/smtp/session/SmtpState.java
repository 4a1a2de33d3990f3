package dev.mailvault.smtp.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an SMTP conversation stands (RFC 5321 §4.1.4, RFC 3030 §2): which commands the command
 * table allows next. {@link Conversation} makes every move between them.
 */
enum SmtpState {

  /** Connected, and not greeted yet; again after STARTTLS (RFC 3207 §4.2). */
  CONNECTED,

  /** EHLO or HELO given, no mail transaction open. */
  GREETED,

  /** MAIL accepted: a transaction is open, with no recipient yet. */
  MAIL,

  /** At least one recipient accepted: DATA or BDAT may begin. */
  RCPT,

  /** A BDAT chunk taken: more chunks may follow, DATA may not (RFC 3030 §3). */
  BDAT,

  /** QUIT, a 421 or the connection gone: nothing more is read. */
  CLOSED;

  /** Every state in which commands are read. */
  static final Set<SmtpState> OPEN = EnumSet.complementOf(EnumSet.of(CLOSED));

  /** A mail transaction is open (RFC 5321 §3.3). */
  static final Set<SmtpState> IN_TRANSACTION = EnumSet.of(MAIL, RCPT, BDAT);
}
