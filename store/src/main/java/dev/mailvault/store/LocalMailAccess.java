package dev.mailvault.store;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.spool.DrainResult;
import dev.mailvault.store.spool.SpoolDrainer;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MailAccess} on this machine's vault store and spool: a session gets a {@link Vault} handle
 * after its spool has been drained into INBOX. While the handle is open, {@link LocalDelivery}
 * appends new mail straight into it instead of spooling.
 */
public final class LocalMailAccess implements MailAccess {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMailAccess.class);

  private final VaultStore vaults;
  private final SpoolStore spool;

  public LocalMailAccess(VaultStore vaults, SpoolStore spool) {
    this.vaults = vaults;
    this.spool = spool;
  }

  @Override
  public MailboxAccess open(
      String vaultId, SecretBytes dataKey, SecretBytes spoolPrivateKey, QuotaLedger quota)
      throws MailvaultException {
    // ADR 0110: no delivery to this vault may choose the spool between the open and the drain.
    try (ArrivalLocks.Held held = vaults.arrivals().lock(List.of(vaultId))) {
      Vault vault = dataKey.apply(key -> vaults.open(vaultId, key, quota));
      drain(vaultId, spoolPrivateKey, vault);
      return vault;
    }
  }

  /**
   * A drain that fails (quota full, spool unreadable) must not refuse the login: the items stay
   * sealed in the spool and the next login tries again.
   */
  private void drain(String vaultId, SecretBytes spoolPrivateKey, Vault vault) {
    try {
      DrainResult result = SpoolDrainer.drain(spool, vaultId, spoolPrivateKey, vault);
      if (result.count() > 0 || result.alreadyApplied() > 0) {
        LOG.debug(
            "vault {}: {} spooled messages delivered, {} already applied",
            vaultId,
            result.count(),
            result.alreadyApplied());
      }
    } catch (MailvaultException | IOException e) {
      LOG.warn("vault {}: spool left for the next login: {}", vaultId, e.getMessage());
    }
  }
}
