/**
 * The directory: accounts own domains, domains own aliases; each alias has a random vault id, its
 * vault data key wrapped under Argon2id(password), its spool key pair, quotas and usage. {@link
 * dev.mailvault.directory.Directory} is the contract; {@code dev.mailvault.directory.jdbc} holds
 * the SQL implementation (SQLite now, PostgreSQL later).
 */
package dev.mailvault.directory;
