/**
 * The node's side of the outbound queue (ADR 0200, 0201, 0202): the local aliases on the directory,
 * the queue's settings, and its admin operations.
 */
package dev.mailvault.server.outbound;
