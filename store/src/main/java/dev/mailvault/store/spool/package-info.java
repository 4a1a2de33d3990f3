/**
 * The sealed spool (DESIGN §5, ADR 0036): mail for an alias without a live session, sealed to the
 * alias's spool public key in {@code <data>/spool/<vaultId>/}, and drained into INBOX at the next
 * login exactly once.
 */
package dev.mailvault.store.spool;
