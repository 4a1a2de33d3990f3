package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import java.sql.SQLException;

/** The body of one write transaction. */
@FunctionalInterface
interface WriteWork<T> {
  T run(WriteTx tx) throws SQLException, MailvaultException;
}
