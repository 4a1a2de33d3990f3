/**
 * SEARCH for the IMAP handlers (RFC 9051 §6.4.4, RFC 3501 §6.4.4, ESEARCH RFC 4731): {@link
 * dev.mailvault.imap.search.SearchTranslator} turns the codec's key into the store's query for the
 * session's view, the store answers with UIDs, and {@link
 * dev.mailvault.imap.search.SearchResponseFormatter} writes {@code * SEARCH} or {@code * ESEARCH}
 * in the shape {@link dev.mailvault.imap.search.SearchReturn} chose. No I/O and no storage here.
 */
package dev.mailvault.imap.search;
