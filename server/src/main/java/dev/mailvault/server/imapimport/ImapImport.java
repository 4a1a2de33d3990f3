package dev.mailvault.server.imapimport;

import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.importer.ImportItem;
import dev.mailvault.store.importer.ImportedMessage;
import dev.mailvault.store.importer.MailImport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies every folder and message of an IMAP account into a vault (ADRs 0145-0147), resumable and
 * idempotent: each message is stored with its import key in one transaction, so a run cut off
 * anywhere, run again, stores each message exactly once.
 *
 * <p>Two passes: first every folder is created in the vault (empty ones and {@code \Noselect}
 * levels too) and listed on the source, and the messages whose keys the vault has are set aside
 * without downloading them; then the rest is downloaded folder by folder in batches of a few
 * megabytes, each batch stored in one vault transaction.
 */
public final class ImapImport {

  /** A batch is at most this many messages ... */
  static final int BATCH_MESSAGES = 200;

  /** ... and about this many bytes (one larger message still makes a batch of one). */
  static final long BATCH_BYTES = 8L * 1024 * 1024;

  private final ImapSourceSession source;
  private final ImportKeys keys;
  private final MailboxAccess vault;
  private final MailImport sink;
  private final ImapImportListener listener;

  private long added;
  private long alreadyImported;
  private long alreadyPresent;
  private long vanished;
  private long bytes;
  private long droppedKeywords;

  /**
   * @param vault the vault handle, for folders and subscriptions and to compare content
   * @param sink the import API on the same vault
   */
  public ImapImport(
      ImapSourceSession source,
      ImapSourceAddress address,
      MailboxAccess vault,
      MailImport sink,
      ImapImportListener listener) {
    this.source = source;
    this.keys = new ImportKeys(address);
    this.vault = vault;
    this.sink = sink;
    this.listener = listener;
  }

  public ImapImportReport run() throws MailvaultException {
    List<SourceFolder> folders = source.folders();
    Set<String> subscribed = new HashSet<>(vault.subscriptions());
    List<FolderPlan> plans = new ArrayList<>();
    long plannedMessages = 0;
    long plannedBytes = 0;
    for (SourceFolder folder : folders) {
      ensureFolder(folder, subscribed);
      if (folder.selectable()) {
        FolderPlan plan = plan(source.examine(folder));
        plans.add(plan);
        alreadyImported += plan.known.size();
        plannedMessages += plan.missing.size();
        plannedBytes += plan.missing.stream().mapToLong(SourceMessage::size).sum();
      }
    }
    listener.planned(plannedMessages, plannedBytes);
    for (FolderPlan plan : plans) {
      if (!plan.missing.isEmpty()) {
        copy(plan);
      }
    }
    return new ImapImportReport(
        folders.size(), added, alreadyImported, alreadyPresent, vanished, bytes, droppedKeywords);
  }

  private void ensureFolder(SourceFolder folder, Set<String> subscribed) throws MailvaultException {
    try {
      vault.folder(folder.targetName());
    } catch (FolderNotFoundException e) {
      vault.createFolder(folder.targetName(), null);
    }
    if (folder.subscribed() && subscribed.add(folder.targetName())) {
      vault.subscribe(folder.targetName());
    }
  }

  /** Splits a listing into messages the vault has by key and messages still to copy. */
  private FolderPlan plan(SourceListing listing) throws MailvaultException {
    List<SourceMessage> known = new ArrayList<>();
    List<SourceMessage> missing = new ArrayList<>();
    for (SourceMessage message : listing.messages()) {
      if (sink.imported(key(listing, message.uid()))) {
        known.add(message);
      } else {
        missing.add(message);
      }
    }
    return new FolderPlan(listing, known, missing);
  }

  private void copy(FolderPlan planned) throws MailvaultException {
    FolderPlan plan = planned;
    SourceListing now = source.examine(plan.listing.folder());
    if (now.uidValidity() != plan.listing.uidValidity()) {
      // RFC 9051 §2.3.1.1: the UIDs were reassigned between the passes; list again.
      plan = plan(now);
      alreadyImported += plan.known.size() - planned.known.size();
    }
    String target = plan.listing.folder().targetName();
    AlreadyInVault present = AlreadyInVault.of(vault, target, plan.known);
    List<SourceMessage> batch = new ArrayList<>();
    long batchBytes = 0;
    for (SourceMessage message : plan.missing) {
      if (!batch.isEmpty()
          && (batch.size() >= BATCH_MESSAGES || batchBytes + message.size() > BATCH_BYTES)) {
        copyBatch(plan.listing, batch, present);
        batch.clear();
        batchBytes = 0;
      }
      batch.add(message);
      batchBytes += message.size();
    }
    copyBatch(plan.listing, batch, present);
  }

  private void copyBatch(SourceListing listing, List<SourceMessage> batch, AlreadyInVault present)
      throws MailvaultException {
    if (batch.isEmpty()) {
      return;
    }
    List<Long> uids = batch.stream().map(SourceMessage::uid).toList();
    List<FetchedMessage> fetched = source.fetch(uids);
    String target = listing.folder().targetName();
    List<ImportItem> items = new ArrayList<>(fetched.size());
    long batchBytes = 0;
    long found = 0;
    for (FetchedMessage message : fetched) {
      batchBytes += message.raw().length;
      if (present.claim(message)) {
        found++;
        continue;
      }
      droppedKeywords += message.droppedKeywords();
      items.add(
          new ImportItem(
              target,
              key(listing, message.uid()),
              new NewMessage(message.raw(), message.flags(), message.internalDate())));
    }
    for (ImportedMessage result : sink.addAll(items)) {
      if (result.added()) {
        added++;
      } else {
        alreadyImported++;
      }
    }
    alreadyPresent += found;
    vanished += batch.size() - fetched.size();
    bytes += batchBytes;
    listener.done(batch.size(), batchBytes);
  }

  private byte[] key(SourceListing listing, long uid) {
    return keys.of(listing.folder().sourceName(), listing.uidValidity(), uid);
  }

  private record FolderPlan(
      SourceListing listing, List<SourceMessage> known, List<SourceMessage> missing) {}
}
