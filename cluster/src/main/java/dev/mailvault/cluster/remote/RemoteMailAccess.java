package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;

/**
 * {@link MailAccess} on a front-end: opens the vault on the primary that owns it. The quota ledger
 * is not sent: the primary uses its own ledger of the same directory rows
 * (docs/adr/0278-remote-storage-contracts.md).
 */
public final class RemoteMailAccess implements MailAccess {

  private final VaultRouter router;

  public RemoteMailAccess(VaultRouter router) {
    this.router = router;
  }

  @Override
  public MailboxAccess open(
      String vaultId, SecretBytes dataKey, SecretBytes spoolPrivateKey, QuotaLedger quota)
      throws MailvaultException {
    return RemoteMailboxAccess.open(router, vaultId, dataKey, spoolPrivateKey);
  }
}
