/**
 * Importing mail into a vault: the once-only store ({@link
 * dev.mailvault.store.importer.MailImport}) every source writes through, and the readers of mbox,
 * Maildir, directories of .eml files and Mailvault's own eml-zip export.
 */
package dev.mailvault.store.importer;
