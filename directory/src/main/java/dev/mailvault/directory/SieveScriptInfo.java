package dev.mailvault.directory;

import java.time.Instant;

/**
 * One of an alias's Sieve scripts, without its text (RFC 5804 §2.7 LISTSCRIPTS).
 *
 * @param name the name as the user gave it (compared octet by octet, RFC 5804 §1.6)
 * @param active whether the MX runs it at delivery; at most one script of an alias is
 * @param octets the script's length in UTF-8 octets
 * @param updated when it was last stored
 */
public record SieveScriptInfo(String name, boolean active, long octets, Instant updated) {}
