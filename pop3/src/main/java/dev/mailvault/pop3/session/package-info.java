/**
 * One POP3 session: its states (RFC 1939 §3), the maildrop fixed at login, the dispatcher that runs
 * the command table's rows, and the transport it writes to.
 *
 * <p>Concurrency: a session runs on its connection's {@code SerialExecutor}, one task at a time, so
 * its fields need no locks; only the state and whether a SASL response is awaited are read by the
 * event loop (volatile). A session never waits for the socket while it holds the mailbox: RETR
 * writes a piece, suspends its queue and goes on when the piece has left (write back-pressure).
 */
package dev.mailvault.pop3.session;
