package dev.mailvault.store;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.content.ContentStore;
import dev.mailvault.store.importer.ImportItem;
import dev.mailvault.store.importer.ImportedMessage;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message writes of a vault: append, flags, copy, move, expunge. Each is one transaction that
 * keeps the folder counters, UIDNEXT, HIGHESTMODSEQ, the expunge log and the quota in step.
 */
final class MessageWrites {

  private final Transactions transactions;
  private final QuotaLedger quota;

  MessageWrites(Transactions transactions, QuotaLedger quota) {
    this.transactions = transactions;
    this.quota = quota;
  }

  List<AppendResult> append(String folder, List<NewMessage> messages) throws MailvaultException {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    String name = FolderNames.canonical(folder);
    List<PreparedMessage> prepared = prepare(messages);
    return transactions.write(tx -> insert(tx, name, prepared, true));
  }

  /**
   * Appends a spool item unless its id is recorded already.
   *
   * @param prepaid whether the quota was reserved when the item was spooled (ADR 0112): the message
   *     then takes that reservation over instead of reserving again
   */
  Optional<AppendResult> appendIfAbsent(
      String spoolId, String folder, NewMessage message, boolean prepaid)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    List<PreparedMessage> prepared = prepare(List.of(message));
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          if (isApplied(c, spoolId)) {
            return Optional.<AppendResult>empty();
          }
          AppendResult result = insert(tx, name, prepared, !prepaid).get(0);
          c.update(
              "INSERT INTO applied_spool(spool_id, applied_at) VALUES (?, ?)",
              spoolId,
              MessageTable.isoSeconds(Instant.now()));
          return Optional.of(result);
        });
  }

  /**
   * Stores imported messages in one transaction, each unless its key is recorded already; the key
   * is recorded in the same transaction (ADR 0135). Folders are created as needed.
   */
  List<ImportedMessage> importMessages(List<ImportItem> items) throws MailvaultException {
    List<String> folders = new ArrayList<>(items.size());
    List<PreparedMessage> prepared = new ArrayList<>(items.size());
    for (ImportItem item : items) {
      folders.add(FolderNames.canonical(item.folder()));
      prepared.add(PreparedMessage.of(item.message()));
    }
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          String now = MessageTable.isoSeconds(Instant.now());
          List<ImportedMessage> results = new ArrayList<>(items.size());
          for (int i = 0; i < items.size(); i++) {
            byte[] key = items.get(i).key();
            Optional<ImportedMessage> earlier = importedAs(c, key);
            if (earlier.isPresent()) {
              results.add(earlier.get());
              continue;
            }
            String folder = folders.get(i);
            FolderOperations.ensure(tx, folder);
            AppendResult stored = insert(tx, folder, List.of(prepared.get(i)), true).get(0);
            c.update(
                "INSERT INTO imported(import_key, folder, uid, imported_at) VALUES (?, ?, ?, ?)",
                key,
                folder,
                stored.uid(),
                now);
            results.add(new ImportedMessage(folder, stored.uid(), true));
          }
          return results;
        });
  }

  static Optional<ImportedMessage> importedAs(VaultConnection c, byte[] key) throws SQLException {
    try (ResultSet row =
        c.bind("SELECT folder, uid FROM imported WHERE import_key = ?", key).executeQuery()) {
      return row.next()
          ? Optional.of(new ImportedMessage(row.getString(1), row.getLong(2), false))
          : Optional.empty();
    }
  }

  static boolean isApplied(VaultConnection c, String spoolId) throws SQLException {
    return c.queryLong("SELECT 1 FROM applied_spool WHERE spool_id = ?", spoolId).isPresent();
  }

  List<MessageFlags> storeFlags(String folder, UidSet uids, FlagUpdate update)
      throws MailvaultException {
    return storeFlags(folder, uids, update, -1).changed();
  }

  /**
   * Changes flags; with {@code unchangedSince} at 0 or above, only of the messages whose MODSEQ is
   * at most that, the others listed as modified (RFC 7162 §3.1.3), in the same transaction so no
   * change can slip in between the test and the write.
   */
  ConditionalStore storeFlags(String folder, UidSet uids, FlagUpdate update, long unchangedSince)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow f = FolderTable.require(c, name);
          List<MessageRow> rows = MessageTable.rows(c, f.id(), uids, false);
          List<Long> modified = new ArrayList<>();
          if (unchangedSince >= 0) {
            Map<Long, Long> modseqs = MessageTable.modseqs(c, f.id(), uids);
            List<MessageRow> unchanged = new ArrayList<>();
            for (MessageRow row : rows) {
              // RFC 7162 §3.1.3: a message changed after UNCHANGEDSINCE fails the test (and with
              // UNCHANGEDSINCE 0 every message does).
              if (modseqs.getOrDefault(row.uid(), Long.MAX_VALUE) > unchangedSince) {
                modified.add(row.uid());
              } else {
                unchanged.add(row);
              }
            }
            rows = unchanged;
          }
          List<MessageRow> changed = new ArrayList<>();
          List<Flags> next = new ArrayList<>();
          for (MessageRow row : rows) {
            Flags flags = update.apply(row.flags());
            if (!flags.sameAs(row.flags())) {
              changed.add(row);
              next.add(flags);
            }
          }
          if (changed.isEmpty()) {
            return new ConditionalStore(List.of(), modified);
          }
          // RFC 7162 §3.1: one new MODSEQ for the command, given only to messages that changed;
          // a STORE that changes nothing leaves every MODSEQ as it was.
          long modseq = FolderTable.nextModseq(c, f.id());
          long unseen = 0;
          long deleted = 0;
          List<MessageFlags> result = new ArrayList<>();
          for (int i = 0; i < changed.size(); i++) {
            MessageRow row = changed.get(i);
            Flags flags = next.get(i);
            MessageTable.updateFlags(c, row.id(), flags, modseq);
            unseen += (flags.has(SystemFlag.SEEN) ? 0 : 1) - (row.seen() ? 0 : 1);
            deleted += (flags.has(SystemFlag.DELETED) ? 1 : 0) - (row.deleted() ? 1 : 0);
            result.add(new MessageFlags(row.uid(), flags, modseq));
          }
          FolderTable.adjustCounters(c, f.id(), 0, unseen, deleted, 0);
          tx.publish(new VaultEvent.FlagsChanged(name, result, modseq));
          return new ConditionalStore(result, modified);
        });
  }

  CopyResult copy(String from, UidSet uids, String to) throws MailvaultException {
    String sourceName = FolderNames.canonical(from);
    String targetName = FolderNames.canonical(to);
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow source = FolderTable.require(c, sourceName);
          FolderRow target = FolderTable.require(c, targetName);
          List<MessageRow> rows = MessageTable.rows(c, source.id(), uids, false);
          if (rows.isEmpty()) {
            return new CopyResult(target.uidValidity(), List.of(), List.of());
          }
          long bytes = rows.stream().mapToLong(MessageRow::size).sum();
          reserve(tx, bytes, rows.size());
          FolderTable.Slot slot =
              FolderTable.addMessages(c, target, rows.size(), unseen(rows), deleted(rows), bytes);
          long modseq = slot.modseq();
          String saved = MessageTable.isoSeconds(Instant.now());
          List<Long> sourceUids = new ArrayList<>();
          List<Long> targetUids = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            MessageRow row = rows.get(i);
            long uid = slot.firstUid() + i;
            MessageTable.copy(c, row.id(), target.id(), uid, modseq, saved);
            ContentStore.addReference(c, row.contentId());
            sourceUids.add(row.uid());
            targetUids.add(uid);
          }
          tx.publish(
              new VaultEvent.MessagesAdded(targetName, target.uidValidity(), targetUids, modseq));
          return new CopyResult(target.uidValidity(), sourceUids, targetUids);
        });
  }

  CopyResult move(String from, UidSet uids, String to) throws MailvaultException {
    String sourceName = FolderNames.canonical(from);
    String targetName = FolderNames.canonical(to);
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow source = FolderTable.require(c, sourceName);
          FolderRow target = FolderTable.require(c, targetName);
          List<MessageRow> rows = MessageTable.rows(c, source.id(), uids, false);
          if (rows.isEmpty()) {
            return new CopyResult(target.uidValidity(), List.of(), List.of());
          }
          return moveRows(tx, source, target, rows);
        });
  }

  /**
   * Moves rows from {@code source} to {@code target} under new UIDs (RFC 6851 §3.3: flags and
   * internal date stay); the source logs each as expunged. Also used by the INBOX rename.
   */
  static CopyResult moveRows(WriteTx tx, FolderRow source, FolderRow target, List<MessageRow> rows)
      throws SQLException, MailvaultException {
    VaultConnection c = tx.connection();
    int n = rows.size();
    long bytes = rows.stream().mapToLong(MessageRow::size).sum();
    long unseen = unseen(rows);
    long deleted = deleted(rows);
    FolderTable.Slot slot = FolderTable.addMessages(c, target, n, unseen, deleted, bytes);
    long targetModseq = slot.modseq();
    long sourceModseq = FolderTable.nextModseq(c, source.id());
    FolderTable.adjustCounters(c, source.id(), -n, -unseen, -deleted, -bytes);
    String saved = MessageTable.isoSeconds(Instant.now());
    List<Long> sourceUids = new ArrayList<>();
    List<Long> targetUids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MessageRow row = rows.get(i);
      long uid = slot.firstUid() + i;
      MessageTable.move(c, row.id(), target.id(), uid, targetModseq, saved);
      MessageTable.logExpunge(c, source.id(), row.uid(), sourceModseq);
      sourceUids.add(row.uid());
      targetUids.add(uid);
    }
    tx.publish(
        new VaultEvent.MessagesAdded(
            target.name(), target.uidValidity(), targetUids, targetModseq));
    tx.publish(new VaultEvent.MessagesExpunged(source.name(), sourceUids, sourceModseq));
    return new CopyResult(target.uidValidity(), sourceUids, targetUids);
  }

  ExpungeResult expunge(String folder, UidSet uids) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow f = FolderTable.require(c, name);
          List<MessageRow> rows = MessageTable.rows(c, f.id(), uids, true);
          if (rows.isEmpty()) {
            return new ExpungeResult(List.of(), f.highestModseq());
          }
          // RFC 7162 §3.2.10: the expunge log keeps each UID with the MODSEQ of its removal.
          long modseq = FolderTable.nextModseq(c, f.id());
          List<Long> expunged = new ArrayList<>();
          long unseen = 0;
          for (MessageRow row : rows) {
            MessageTable.logExpunge(c, f.id(), row.uid(), modseq);
            unseen += row.seen() ? 0 : 1;
            expunged.add(row.uid());
          }
          long bytes = removeRows(tx, transactions.contents(), rows, quota);
          FolderTable.adjustCounters(c, f.id(), -rows.size(), -unseen, -rows.size(), -bytes);
          tx.publish(new VaultEvent.MessagesExpunged(name, expunged, modseq));
          return new ExpungeResult(expunged, modseq);
        });
  }

  /**
   * Removes the messages in {@code uids} whatever their flags, logged as expunged (RFC 7162
   * §3.2.10), their size given back to the quota: a delivery taking back its copy because another
   * recipient's failed (ADR 0111).
   */
  ExpungeResult withdraw(String folder, UidSet uids) throws MailvaultException {
    String name = FolderNames.canonical(folder);
    return transactions.write(
        tx -> {
          VaultConnection c = tx.connection();
          FolderRow f = FolderTable.require(c, name);
          List<MessageRow> rows = MessageTable.rows(c, f.id(), uids, false);
          if (rows.isEmpty()) {
            return new ExpungeResult(List.of(), f.highestModseq());
          }
          long modseq = FolderTable.nextModseq(c, f.id());
          List<Long> removed = new ArrayList<>();
          for (MessageRow row : rows) {
            MessageTable.logExpunge(c, f.id(), row.uid(), modseq);
            removed.add(row.uid());
          }
          long bytes = removeRows(tx, transactions.contents(), rows, quota);
          FolderTable.adjustCounters(
              c, f.id(), -rows.size(), -unseen(rows), -deleted(rows), -bytes);
          tx.publish(new VaultEvent.MessagesExpunged(name, removed, modseq));
          return new ExpungeResult(removed, modseq);
        });
  }

  /**
   * Deletes message rows and their content references, and gives their size back to the quota once
   * the transaction commits. Returns the bytes freed.
   */
  static long removeRows(WriteTx tx, ContentCache cache, List<MessageRow> rows, QuotaLedger quota)
      throws SQLException {
    VaultConnection c = tx.connection();
    long bytes = 0;
    for (MessageRow row : rows) {
      MessageTable.delete(c, row.id());
      if (ContentStore.release(c, cache, row.contentId())) {
        TextIndex.delete(c, row.contentId());
      }
      bytes += row.size();
    }
    long freedBytes = bytes;
    long freedMessages = rows.size();
    if (freedMessages > 0) {
      tx.afterCommit(() -> quota.release(freedBytes, freedMessages));
    }
    return bytes;
  }

  private List<AppendResult> insert(
      WriteTx tx, String name, List<PreparedMessage> prepared, boolean reserveQuota)
      throws SQLException, MailvaultException {
    VaultConnection c = tx.connection();
    FolderRow f = FolderTable.require(c, name);
    long bytes = prepared.stream().mapToLong(PreparedMessage::size).sum();
    if (reserveQuota) {
      reserve(tx, bytes, prepared.size());
    }
    long unseen = prepared.stream().filter(p -> !p.message().flags().has(SystemFlag.SEEN)).count();
    long deleted =
        prepared.stream().filter(p -> p.message().flags().has(SystemFlag.DELETED)).count();
    FolderTable.Slot slot = FolderTable.addMessages(c, f, prepared.size(), unseen, deleted, bytes);
    long modseq = slot.modseq();
    // RFC 8514 §3: the save date is when the message entered this folder.
    String saved = MessageTable.isoSeconds(Instant.now());
    List<AppendResult> results = new ArrayList<>();
    List<Long> uids = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      PreparedMessage p = prepared.get(i);
      long contentId = ContentStore.insert(c, transactions.contents(), p.content());
      long uid = slot.firstUid() + i;
      MessageTable.insert(
          c, f.id(), uid, modseq, p.message(), p.parsed(), p.mimeTree(), contentId, saved);
      results.add(new AppendResult(f.uidValidity(), uid, modseq));
      uids.add(uid);
    }
    tx.publish(new VaultEvent.MessagesAdded(name, f.uidValidity(), uids, modseq));
    // the full-text index follows in the background, in batches (docs/adr/0220)
    tx.afterCommit(transactions::indexText);
    return results;
  }

  private static long unseen(List<MessageRow> rows) {
    return rows.stream().filter(row -> !row.seen()).count();
  }

  private static long deleted(List<MessageRow> rows) {
    return rows.stream().filter(MessageRow::deleted).count();
  }

  /** Reserves quota inside the transaction; it is given back if the transaction rolls back. */
  private void reserve(WriteTx tx, long bytes, long messages) throws OverQuotaException {
    quota.reserve(bytes, messages);
    tx.onRollback(() -> quota.release(bytes, messages));
  }

  /** Parses and encodes on the caller's thread, before the writer lock is taken. */
  private static List<PreparedMessage> prepare(List<NewMessage> messages) {
    List<PreparedMessage> prepared = new ArrayList<>(messages.size());
    for (NewMessage message : messages) {
      prepared.add(PreparedMessage.of(message));
    }
    return prepared;
  }
}
