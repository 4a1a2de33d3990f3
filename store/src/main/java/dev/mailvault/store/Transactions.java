package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.Set;

/** Runs work in a vault's write or read transactions, on behalf of an open handle. */
interface Transactions {

  <T> T write(WriteWork<T> work) throws MailvaultException;

  <T> T read(ReadWork<T> work) throws MailvaultException;

  /** The vault's decoded-content cache, for reads and for the writes that delete content. */
  ContentCache contents();

  /** Asks for the full-text indexing of what was stored since the last ({@link TextIndexer}). */
  void indexText();

  /** The UIDs of {@code folder}, ascending, from the store's snapshots when still current. */
  long[] folderUids(VaultConnection c, FolderRow folder) throws SQLException;

  /**
   * The keywords in use in {@code folder}, from the store's list brought forward; may name a
   * keyword no message has any longer (docs/adr/0232-resync-reads-what-changed.md).
   */
  Set<String> folderKeywords(VaultConnection c, FolderRow folder) throws SQLException;
}
