package dev.mailvault.store.importer;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.TransferListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an import from a {@link MessageSource} into a {@link MailImport}: keys each message ({@link
 * ImportKeys}), skips those stored already without parsing them, and stores the rest in batches of
 * a few megabytes, one transaction each. Interrupted anywhere, it stored whole batches only, and a
 * second run picks up after the last one.
 */
public final class FileImport {

  static final int BATCH_MESSAGES = 200;
  static final long BATCH_BYTES = 8L << 20;

  private FileImport() {}

  public static ImportReport run(MessageSource source, MailImport target, TransferListener listener)
      throws IOException, MailvaultException {
    for (String folder : source.folders()) {
      target.ensureFolder(folder);
    }
    ImportKeys keys = new ImportKeys();
    List<ImportItem> batch = new ArrayList<>();
    long batchBytes = 0;
    long added = 0;
    long skipped = 0;
    long bytes = 0;
    for (SourceMessage m = source.next(); m != null; m = source.next()) {
      byte[] key = keys.next(m);
      bytes += m.raw().length;
      if (target.imported(key)) {
        skipped++;
        listener.transferred(1, m.raw().length);
        continue;
      }
      batch.add(
          new ImportItem(m.folder(), key, new NewMessage(m.raw(), m.flags(), m.internalDate())));
      batchBytes += m.raw().length;
      if (batch.size() >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) {
        long[] counts = store(target, batch, listener);
        added += counts[0];
        skipped += counts[1];
        batch.clear();
        batchBytes = 0;
      }
    }
    long[] counts = store(target, batch, listener);
    return new ImportReport(added + counts[0], skipped + counts[1], bytes);
  }

  private static long[] store(MailImport target, List<ImportItem> batch, TransferListener listener)
      throws MailvaultException {
    long added = 0;
    long skipped = 0;
    if (batch.isEmpty()) {
      return new long[] {0, 0};
    }
    List<ImportedMessage> results = target.addAll(batch);
    long bytes = 0;
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).added()) {
        added++;
      } else {
        skipped++;
      }
      bytes += batch.get(i).message().raw().length;
    }
    listener.transferred(batch.size(), bytes);
    return new long[] {added, skipped};
  }
}
