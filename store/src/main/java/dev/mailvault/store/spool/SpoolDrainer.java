package dev.mailvault.store.spool;

import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.Vault;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an alias's spool into its vault at login (DESIGN §5): each item, oldest first, is opened,
 * filed in the folder it names (INBOX, or Junk for mail the MX quarantined: ADR 0206), appended
 * with its arrival time as INTERNALDATE and its id recorded in the same transaction ({@link
 * Vault#appendSpooled}); only then is what held it deleted ({@link SpoolStore#release}: a segment
 * once all its items are in). A crash between the append and the delete leaves an item whose id is
 * applied; the next drain deletes it without storing it again.
 *
 * <p>Quota (ADR 0112): the item's size was reserved when it was spooled, and the append takes that
 * reservation over instead of reserving again, so the ledger counts each message once wherever it
 * lies, and a drain never fails for quota.
 */
public final class SpoolDrainer {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);

  private SpoolDrainer() {}

  /**
   * Drains {@code vaultId}'s spool into {@code vault}'s INBOX, Junk for quarantined items, or the
   * folders Sieve chose.
   *
   * @throws MailvaultException when the vault refuses an append (quota, closed vault); the items
   *     not yet drained stay in the spool for the next drain
   * @throws IOException when the spool folder cannot be read or an item not deleted
   */
  public static DrainResult drain(
      SpoolStore spool, String vaultId, SecretBytes spoolPrivateKey, Vault vault)
      throws IOException, MailvaultException {
    int count = 0;
    long bytes = 0;
    int alreadyApplied = 0;
    List<String> unreadable = new ArrayList<>();
    Set<String> done = new HashSet<>();
    // This store's open segment for the alias is finished here, so it can go once drained.
    spool.closeSegment(vaultId);
    try {
      for (SpoolEntry entry : spool.entries(vaultId)) {
        String itemId = entry.id();
        if (vault.isSpoolApplied(itemId)) {
          done.add(itemId);
          alreadyApplied++;
          continue;
        }
        SpoolItem item;
        try {
          item = spool.open(vaultId, entry, spoolPrivateKey);
        } catch (NoSuchFileException drainedMeanwhile) {
          continue;
        } catch (SpoolItemUnreadableException e) {
          // The id is random and the message carries no content: both are fit for the log.
          LOG.warn(
              "spool item {} of vault {} left for an operator: {}",
              itemId,
              vaultId,
              e.getMessage());
          unreadable.add(itemId);
          continue;
        }
        // An item the MX quarantined goes to the \Junk folder (ADR 0206), created if missing; the
        // copies a Sieve script asked for go to their folders (ADR 0252). Each folder is named
        // before its append's transaction: should it be deleted in between, the append fails and
        // the item stays for the next drain, never stored twice or lost. Extra copies carry keys
        // of their own and are stored first; the item's own id, stored last, says all are in.
        List<Filing> filings = item.filings();
        for (int copy = filings.size() - 1; copy >= 0; copy--) {
          Filing filing = filings.get(copy);
          String key = copy == 0 ? itemId : itemId + "." + copy;
          String folder = vault.filingFolder(filing, item.destination());
          boolean appended =
              vault
                  .appendSpooled(
                      key, folder, new NewMessage(item.raw(), filing.flags(), item.arrival()))
                  .isPresent();
          if (appended) {
            count++;
            bytes += item.raw().length;
          } else if (copy == 0) {
            alreadyApplied++;
          }
        }
        done.add(itemId);
      }
    } finally {
      // What is in the vault may go even when a later append failed (quota, a closed vault).
      spool.release(vaultId, done);
    }
    return new DrainResult(count, bytes, alreadyApplied, unreadable);
  }
}
