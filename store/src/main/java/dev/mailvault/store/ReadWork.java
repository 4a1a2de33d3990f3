package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.SQLException;

/** The body of one read transaction: it sees one consistent snapshot of the vault. */
@FunctionalInterface
interface ReadWork<T> {
  T run(VaultConnection connection) throws SQLException, IOException, MailvaultException;
}
