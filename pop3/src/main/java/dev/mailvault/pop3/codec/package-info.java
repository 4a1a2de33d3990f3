/**
 * The POP3 wire codec (RFC 1939, RFC 2449): bytes to command lines and parsed commands, responses
 * to bytes. No I/O, no Netty, no session: it can be tested and fuzzed alone (STYLE §1).
 */
package dev.mailvault.pop3.codec;
