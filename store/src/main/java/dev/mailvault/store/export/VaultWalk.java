package dev.mailvault.store.export;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.Vault;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every message of a vault, folder by folder in name order, UIDs ascending, a page of
 * metadata at a time so memory stays flat however large the vault is.
 */
final class VaultWalk {

  /** UIDs whose metadata is read in one go. */
  private static final int PAGE = 256;

  /** What the walk hands each message to. */
  @FunctionalInterface
  interface Visitor {
    void visit(ExportedMessage message) throws IOException, MailvaultException;
  }

  private VaultWalk() {}

  static void forEach(Vault vault, Visitor visitor) throws IOException, MailvaultException {
    for (FolderInfo folder : vault.listFolders()) {
      long[] uids = vault.uids(folder.name());
      for (int from = 0; from < uids.length; from += PAGE) {
        long[] page = Arrays.copyOfRange(uids, from, Math.min(uids.length, from + PAGE));
        List<MessageMeta> metas =
            vault.messages(folder.name(), UidSet.range(page[0], page[page.length - 1]));
        for (MessageMeta meta : metas) {
          byte[] raw;
          try {
            raw = vault.fetch(folder.name(), meta.uid());
          } catch (MessageNotFoundException e) {
            continue; // expunged by a session since its metadata was read
          }
          visitor.visit(
              new ExportedMessage(
                  folder.name(), meta.uid(), meta.flags(), meta.internalDate(), raw));
        }
      }
    }
  }

  /** The vault's message count and bytes, from the folder counters (no scan). */
  static long[] totals(Vault vault) throws MailvaultException {
    long messages = 0;
    long bytes = 0;
    for (FolderInfo folder : vault.listFolders()) {
      messages += folder.messages();
      bytes += folder.size();
    }
    return new long[] {messages, bytes};
  }
}
