/**
 * One ManageSieve session: its two states (RFC 5804 §1.6: before and after AUTHENTICATE), the
 * dispatcher that runs the command table's rows, and the transport it writes to.
 *
 * <p>Concurrency: a session runs on its connection's {@code SerialExecutor}, one task at a time, so
 * its fields need no locks; only the state and whether a SASL response is awaited are read by the
 * event loop (volatile). Directory calls run on that worker, never on an event loop; a login's
 * Argon2id runs on the login pool (ADR 0186) with the session's queue suspended meanwhile.
 */
package dev.mailvault.sieve.session;
