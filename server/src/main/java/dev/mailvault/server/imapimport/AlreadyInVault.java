package dev.mailvault.server.imapimport;

import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fallback for a source message whose import key is unknown (ADR 0147): is a message with the
 * same bytes and internal date already in the vault folder? That happens when the source's
 * UIDVALIDITY changed since an earlier run (every UID key is new), when the host is spelled
 * differently, or when the same mail reached the vault some other way. Messages are compared by the
 * SHA-256 of their bytes, and only those in the vault with the same internal date are read, so a
 * folder without such candidates costs one metadata query.
 *
 * <p>Each vault message stands for one source message: two identical source messages need two
 * identical vault messages to be skipped. Vault messages already accounted for by known keys (the
 * same internal date, counted) are not offered again.
 */
final class AlreadyInVault {

  private final MailboxAccess vault;
  private final String folder;
  private final Map<Instant, List<Long>> candidatesByDate = new HashMap<>();
  private final Map<Instant, Integer> spareByDate = new HashMap<>();
  private final Map<Long, byte[]> digests = new HashMap<>();
  private final Set<Long> claimed = new HashSet<>();

  private AlreadyInVault(MailboxAccess vault, String folder) {
    this.vault = vault;
    this.folder = folder;
  }

  /**
   * Reads the vault folder's internal dates.
   *
   * @param known source messages of this folder whose keys the vault has: their copies are already
   *     counted and do not stand for another message
   */
  static AlreadyInVault of(MailboxAccess vault, String folder, List<SourceMessage> known)
      throws MailvaultException {
    AlreadyInVault index = new AlreadyInVault(vault, folder);
    List<MessageMeta> metas;
    try {
      metas = vault.uids(folder).length == 0 ? List.of() : vault.messages(folder, UidSet.all());
    } catch (FolderNotFoundException e) {
      metas = List.of();
    }
    for (MessageMeta meta : metas) {
      index
          .candidatesByDate
          .computeIfAbsent(meta.internalDate(), d -> new ArrayList<>())
          .add(meta.uid());
      index.spareByDate.merge(meta.internalDate(), 1, Integer::sum);
    }
    for (SourceMessage message : known) {
      index.spareByDate.computeIfPresent(message.internalDate(), (d, n) -> n - 1);
    }
    return index;
  }

  /** Whether {@link #claim} could find anything for a message of this date: no reads if not. */
  boolean mayHold(Instant internalDate) {
    return spareByDate.getOrDefault(internalDate, 0) > 0;
  }

  /**
   * Finds an unclaimed vault message with these bytes and this internal date and claims it.
   *
   * @return true when the message is already in the vault, so it must not be added again
   */
  boolean claim(FetchedMessage message) throws MailvaultException {
    if (!mayHold(message.internalDate())) {
      return false;
    }
    byte[] digest = ImportKeys.sha256(message.raw());
    for (long uid : candidatesByDate.getOrDefault(message.internalDate(), List.of())) {
      if (claimed.contains(uid)) {
        continue;
      }
      byte[] candidate = digests.get(uid);
      if (candidate == null) {
        try {
          candidate = ImportKeys.sha256(vault.fetch(folder, uid));
        } catch (MessageNotFoundException e) {
          candidate = new byte[0]; // expunged meanwhile: it matches nothing
        }
        digests.put(uid, candidate);
      }
      if (Arrays.equals(candidate, digest)) {
        claimed.add(uid);
        spareByDate.merge(message.internalDate(), -1, Integer::sum);
        return true;
      }
    }
    return false;
  }
}
