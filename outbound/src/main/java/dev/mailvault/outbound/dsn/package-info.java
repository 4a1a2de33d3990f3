/**
 * Delivery status notifications (RFC 3464, RFC 3461, RFC 6522): the bounces, delay warnings and
 * success reports the queue sends a message's sender (ADR 0202).
 */
package dev.mailvault.outbound.dsn;
