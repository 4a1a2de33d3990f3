package dev.mailvault.store.importer;

import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.Vault;
import java.util.List;
import java.util.Objects;

/**
 * Stores imported messages in a vault, each exactly once however often the import runs or wherever
 * it was interrupted (docs/adr/0135-import-keys-in-the-vault.md). Every message goes through the
 * vault's single writer like any append: the quota is enforced, listeners hear of it after the
 * commit, and the key is recorded in the same transaction as the message, so a crash between the
 * two cannot happen.
 *
 * <p>The caller owns the vault handle; closing this import does nothing to it.
 */
public final class MailImport {

  private final Vault vault;

  public MailImport(Vault vault) {
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  /** Whether a message with this key was stored already, so the source can skip reading it. */
  public boolean imported(byte[] key) throws MailvaultException {
    return vault.isImported(Objects.requireNonNull(key, "key"));
  }

  /** Creates {@code folder} and its missing superiors unless it exists (an empty source folder). */
  public void ensureFolder(String folder) throws MailvaultException {
    try {
      vault.createFolder(folder);
    } catch (FolderExistsException e) {
      // Already there: nothing to do.
    }
  }

  /**
   * Stores one message unless its key was stored before; creates the folder and its superiors if
   * missing; keeps the message's flags, keywords and internal date.
   *
   * @throws dev.mailvault.core.quota.OverQuotaException when the vault's quota has no room
   * @throws dev.mailvault.core.access.InvalidFolderNameException when the folder name is not one
   */
  public ImportedMessage add(String folder, byte[] key, NewMessage message)
      throws MailvaultException {
    return vault.importMessages(List.of(new ImportItem(folder, key, message))).get(0);
  }

  /**
   * Stores several messages in one transaction, each unless its key was stored before (also earlier
   * in the same list): all of them or, on a failure, none. Fewer commits make a large import
   * several times faster; keep a batch to a few megabytes, as it is held in memory.
   *
   * @return one result per item, in order
   */
  public List<ImportedMessage> addAll(List<ImportItem> items) throws MailvaultException {
    if (items.isEmpty()) {
      return List.of();
    }
    return vault.importMessages(items);
  }
}
