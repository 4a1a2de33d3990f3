package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.outbound.OutboundMessage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads items back from the queue directory, for the queue at start and for the offline CLI. */
final class QueueReader {

  private static final Logger LOG = LoggerFactory.getLogger(QueueReader.class);

  private QueueReader() {}

  /** An item as read: its message and its recorded (or initial) state. */
  record Loaded(OutboundMessage message, ItemState state) {}

  /**
   * Reads one item. One that does not open (another key, altered bytes) is left where it is and
   * logged by id, so a wrong key never deletes mail.
   *
   * @param now when an item never tried is due
   */
  static Optional<Loaded> load(QueueFiles files, String id, Instant now) throws IOException {
    try {
      OutboundMessage message = ItemCodec.decodeMessage(files.readItem(id));
      byte[] state = files.readState(id);
      return Optional.of(
          new Loaded(
              message,
              state == null ? QueuedItem.fresh(message, now) : ItemCodec.decodeState(state)));
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    } catch (UnwrapException e) {
      LOG.error("outbound queue: item {} does not open with the queue key; left as it is", id);
      return Optional.empty();
    } catch (IOException e) {
      LOG.error("outbound queue: item {} is unreadable ({}); left as it is", id, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code state} with every pending recipient and report due at {@code now}. */
  static ItemState dueNow(ItemState state, Instant now) {
    return new ItemState(
        state.recipients().stream().map(r -> r.pending() ? r.dueAt(now) : r).toList(),
        state.reports().stream().map(r -> r.pending() ? r.dueAt(now) : r).toList());
  }
}
