/**
 * What each POP3 command does, and the one table that lists them (ADR 0191). CAPA is read from the
 * table, so a tag is advertised exactly when its command exists.
 */
package dev.mailvault.pop3.handler;
