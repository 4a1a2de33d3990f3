package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** Runs work in a vault's write or read transactions, on behalf of an open handle. */
interface Transactions {

  <T> T write(WriteWork<T> work) throws MailvaultException;

  <T> T read(ReadWork<T> work) throws MailvaultException;
}
