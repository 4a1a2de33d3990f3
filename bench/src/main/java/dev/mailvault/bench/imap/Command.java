package dev.mailvault.bench.imap;

/**
 * The IMAP commands the load driver sends, each counted and timed on its own. {@link #IDLE} is
 * timed without the time the client deliberately stays idle.
 */
enum Command {
  LOGIN,
  SELECT,
  FETCH_FLAGS,
  FETCH_ENVELOPE,
  FETCH_BODY,
  STORE,
  APPEND,
  STORE_DELETED,
  EXPUNGE,
  NOOP,
  IDLE,
  LOGOUT
}
