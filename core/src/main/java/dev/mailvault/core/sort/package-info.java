/**
 * What SORT and THREAD compare, computed once when a message is stored (RFC 5256, RFC 5957): the
 * base subject, the first address's mailbox and display name, the normalised Message-ID and
 * references, all under the i;unicode-casemap collation (RFC 5051); and the two threading
 * algorithms over those keys. No I/O and no protocol here.
 */
package dev.mailvault.core.sort;
