/**
 * Connection plumbing every line-based listener shares (DESIGN §3, ADR 0191): the listener
 * bootstrap, implicit TLS and STARTTLS, COMPRESS=DEFLATE framing, per-network limits, the PROXY
 * protocol, the refusal over the server-wide ceiling, and the login and command-pace deadlines.
 */
package dev.mailvault.protocol.net;
