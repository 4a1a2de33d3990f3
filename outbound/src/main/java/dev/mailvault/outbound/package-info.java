/**
 * Outbound mail (DESIGN §2, ADR 0200): the durable, sealed queue ({@code queue}), the bounces and
 * delay warnings it makes ({@code dsn}), and delivery over the network ({@code delivery}). The
 * contracts between them live here.
 */
package dev.mailvault.outbound;
