package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The queue directory read and changed by a process that does not run the queue: {@code mailvault
 * queue} while no server runs on the data directory. Never use it beside a running queue (the
 * server's admin socket does the same there).
 */
public final class QueueInspector {

  private final QueueFiles files;

  /** The queue in {@code directory}, read with {@code key}; the caller keeps the key alive. */
  public QueueInspector(Path directory, SecretBytes key) {
    this.files = new QueueFiles(directory, key);
  }

  /** Every item that opens with the key, oldest first. */
  public List<QueueEntry> list() throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    for (String id : files.ids()) {
      show(id).ifPresent(entries::add);
    }
    entries.sort(Comparator.comparing(QueueEntry::accepted).thenComparing(QueueEntry::id));
    return entries;
  }

  public Optional<QueueEntry> show(String id) throws IOException {
    if (!QueueFiles.isId(id)) {
      return Optional.empty();
    }
    return QueueReader.load(files, id, Instant.now())
        .map(loaded -> QueueEntry.of(id, loaded.message(), loaded.state()));
  }

  /**
   * Makes the item due now: the next server start tries it at once.
   *
   * @return whether the item is there
   */
  public boolean retry(String id, Instant now) throws IOException {
    if (!QueueFiles.isId(id)) {
      return false;
    }
    Optional<QueueReader.Loaded> loaded = QueueReader.load(files, id, now);
    if (loaded.isEmpty()) {
      return false;
    }
    files.writeState(id, ItemCodec.encodeState(QueueReader.dueNow(loaded.get().state(), now)));
    return true;
  }

  /**
   * Deletes the item, without a report to its sender.
   *
   * @return whether it was there
   */
  public boolean remove(String id) throws IOException {
    if (!QueueFiles.isId(id) || !Files.exists(files.directory().resolve(id + QueueFiles.ITEM))) {
      return false;
    }
    files.delete(id);
    return true;
  }
}
