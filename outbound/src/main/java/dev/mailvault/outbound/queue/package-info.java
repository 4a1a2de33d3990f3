/**
 * The durable, sealed outbound queue (ADR 0201, ADR 0202): every accepted message on disk before
 * submission answers 250, each recipient's progress recorded after every attempt, delivered by a
 * bounded pool per destination domain, retried, and bounced or reported to its sender.
 */
package dev.mailvault.outbound.queue;
