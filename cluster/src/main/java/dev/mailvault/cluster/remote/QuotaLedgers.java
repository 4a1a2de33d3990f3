package dev.mailvault.cluster.remote;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;

/** A vault's quota ledger on the primary: the server passes {@code directory::quotaLedger}. */
public interface QuotaLedgers {
  QuotaLedger forVault(String vaultId) throws MailvaultException;
}
