package dev.mailvault.core.access;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;

/**
 * Opens an unlocked alias's mail for a protocol session (DESIGN §2): in one process the local
 * store, in a cluster a connection to the alias's primary. Opening delivers what waited in the
 * alias's sealed spool into INBOX first, so a session starts with every message.
 */
public interface MailAccess {

  /**
   * Opens the vault with its data key and drains its spool with the spool private key.
   *
   * @param dataKey the vault's data key; copied, the caller keeps ownership
   * @param spoolPrivateKey the spool private key; used during the call only
   * @param quota the ledger appends and copies reserve against
   */
  MailboxAccess open(
      String vaultId, SecretBytes dataKey, SecretBytes spoolPrivateKey, QuotaLedger quota)
      throws MailvaultException;
}
