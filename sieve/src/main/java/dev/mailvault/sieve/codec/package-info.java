/**
 * The ManageSieve wire codec (RFC 5804 §4): bytes to framed requests and typed commands, responses
 * to bytes. No I/O, no Netty, no session: tested from bytes and fuzzed alone (DESIGN §3).
 */
package dev.mailvault.sieve.codec;
