/**
 * The POP3 listeners on the shared protocol runtime (ADR 0191): a STLS port and an implicit-TLS
 * port, and the Netty handler of one connection.
 */
package dev.mailvault.pop3.server;
