/**
 * The vault: one SQLite database per alias, encrypted whole with ChaCha20-Poly1305 under the
 * alias's random data key (DESIGN §4). {@link dev.mailvault.store.VaultStore} opens vaults and
 * states the concurrency rules; {@link dev.mailvault.store.Vault} is the handle the protocols use.
 */
package dev.mailvault.store;
