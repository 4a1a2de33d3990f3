/**
 * The Sender Rewriting Scheme (SRS, Shevek's "Sender Rewriting Scheme" paper and its reference
 * implementations Mail::SRS and libsrs2): a forwarder's reverse-paths that SPF accepts and that
 * lead a bounce back to the original sender (ADR 0241). Pure: no I/O, the key and the clock are
 * given.
 */
package dev.mailvault.core.srs;
