package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;

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
}
