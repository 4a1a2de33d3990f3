/**
 * What submission and the outbound queue agree on (ADR 0200): the {@link
 * dev.mailvault.core.outbound.Outbox} a submission hands an accepted message to, and the message
 * with its RFC 3461 DSN options.
 */
package dev.mailvault.core.outbound;
