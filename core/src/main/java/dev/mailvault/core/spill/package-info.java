/**
 * Input still arriving from a client, held within one node-wide budget: in memory up to a
 * threshold, beyond it sealed to disk under a key that lives only in memory (ADR 0165, 0166).
 */
package dev.mailvault.core.spill;
