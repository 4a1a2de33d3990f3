package dev.mailvault.pop3.session;

/** RFC 1939 §3: the states a POP3 session passes through. */
public enum Pop3State {
  /** Until USER/PASS or AUTH succeeds. */
  AUTHORIZATION,
  /** The maildrop is open; messages are read and marked. */
  TRANSACTION,
  /** After QUIT in TRANSACTION: the marked messages are removed, then the connection closes. */
  UPDATE
}
