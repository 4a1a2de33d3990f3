package dev.mailvault.store.spool;

import dev.mailvault.core.crypto.RandomIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open segment of each alias this store writes to (ADR 0151). Appends to one alias run one at a
 * time; appends to different aliases run in parallel. Each segment is held under an exclusive file
 * lock for as long as it is open, so a drain in any process can tell a segment still being written
 * (lock refused) from a finished one; a closed segment is never written again.
 *
 * <p>An append writes the framed record at the segment's end and forces it to disk ({@code
 * fdatasync}: the data and the file length) before returning. If the write or the force fails, the
 * segment is cut back to its last whole record and closed, so no record ever follows a torn one;
 * the next append begins a new segment.
 */
final class SpoolAppender implements AutoCloseable {

  /** Beyond this many open segments, the least recently written is closed (file descriptors). */
  static final int MAX_OPEN = 256;

  /**
   * A segment unused this long is closed, so that a drain or an alias removal in another process
   * soon finds it unlocked.
   */
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /**
   * How far ahead of its records a segment is filled with zeros: {@link #FIRST_FILL} at first, then
   * as much as the segment already holds, up to {@link #PREALLOCATE}, so an alias that gets one
   * message a minute does not write a mebibyte of zeros for each.
   */
  static final long PREALLOCATE = 1024 * 1024;

  static final long FIRST_FILL = 64 * 1024;

  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

  private final FileAttribute<?>[] fileCreation;
  private final Map<String, Writer> writers = new ConcurrentHashMap<>();
  private final AtomicLong lastName = new AtomicLong();

  /** Creates a segment folder on first use; returns it. */
  @FunctionalInterface
  interface Folders {
    Path ensure(String vaultId) throws IOException;
  }

  private final Folders folders;

  private final long rotateAt;

  /** ADR 0281: whether this primary's lease is valid; always, outside a cluster. */
  private volatile java.util.function.BooleanSupplier leaseValid = () -> true;

  SpoolAppender(Folders folders, FileAttribute<?>[] fileCreation, long rotateAt) {
    this.folders = folders;
    this.fileCreation = fileCreation;
    this.rotateAt = rotateAt;
  }

  void setLeaseCheck(java.util.function.BooleanSupplier leaseValid) {
    this.leaseValid = leaseValid;
  }

  /** Appends one record to {@code vaultId}'s open segment (a new one if none is open). */
  void append(String vaultId, ByteBuffer record) throws IOException {
    boolean appended = false;
    while (!appended) {
      Writer writer = writers.computeIfAbsent(vaultId, Writer::new);
      synchronized (writer) {
        // A writer closed (and unmapped) after we looked it up is skipped for the current one.
        if (!writer.closed) {
          writer.append(record);
          appended = true;
        }
      }
    }
    if (writers.size() > MAX_OPEN) {
      evictOldest();
    }
  }

  /** Closes the segments unused for {@link #IDLE_NANOS}; the store runs this every second. */
  void closeIdle() {
    long now = System.nanoTime();
    for (Writer writer : writers.values()) {
      if (now - writer.lastUsed > IDLE_NANOS) {
        closeQuietly(writer);
      }
    }
  }

  /** Closes {@code vaultId}'s open segment, if any, so that a drain may delete it. */
  void close(String vaultId) throws IOException {
    Writer writer = writers.get(vaultId);
    if (writer != null) {
      writer.close();
    }
  }

  /** The time for a new segment's name: never the same twice here, so names keep their order. */
  private long nameTime() {
    return lastName.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
  }

  @Override
  public void close() {
    writers.values().forEach(SpoolAppender::closeQuietly);
  }

  private void evictOldest() {
    writers.values().stream()
        .min(Comparator.comparingLong(w -> w.lastUsed))
        .ifPresent(SpoolAppender::closeQuietly);
  }

  private static void closeQuietly(Writer writer) {
    try {
      writer.close();
    } catch (IOException e) {
      // Every record was forced when appended: closing only gives up the lock.
    }
  }

  /** One alias's open segment. */
  private final class Writer {
    private final String vaultId;
    private FileChannel channel;
    private long end;
    private long filled;
    private volatile long lastUsed = System.nanoTime();
    private boolean closed;

    Writer(String vaultId) {
      this.vaultId = vaultId;
    }

    void append(ByteBuffer record) throws IOException {
      if (!leaseValid.getAsBoolean()) {
        throw new SpoolFencedException();
      }
      if (channel == null || end >= rotateAt) {
        closeSegment();
        begin();
      }
      long start = end;
      try {
        long needed = start + record.remaining();
        if (needed > filled && record.remaining() < PREALLOCATE) {
          // A large record is written past the end as it is, rather than over zeros written first.
          fillTo(Math.max(needed, filled + Math.min(PREALLOCATE, Math.max(FIRST_FILL, filled))));
        }
        long at = start;
        while (record.hasRemaining()) {
          at += channel.write(record, at);
        }
        filled = Math.max(filled, at);
        channel.force(false);
        if (!leaseValid.getAsBoolean()) {
          // The lease lapsed while writing (ADR 0281): the record is cut back below,
          // unacknowledged.
          throw new SpoolFencedException();
        }
        end = at;
        lastUsed = System.nanoTime();
      } catch (IOException | RuntimeException e) {
        cutBack(start);
        throw e;
      }
    }

    private void begin() throws IOException {
      Path folder = folders.ensure(vaultId);
      Path file = folder.resolve(SpoolSegment.newName(nameTime(), RandomIds.hex(8)));
      FileChannel created =
          FileChannel.open(
              file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileCreation);
      try {
        // Held until the channel closes: a drain may delete only segments it can lock itself.
        if (created.tryLock() == null) {
          throw new IOException("a new spool segment is locked by another process");
        }
        ByteBuffer header = SpoolSegment.header();
        long at = 0;
        while (header.hasRemaining()) {
          at += created.write(header, at);
        }
        channel = created;
        end = at;
        filled = at;
        fillTo(FIRST_FILL);
        created.force(true);
        // The new file's name must survive a crash along with the records about to go into it.
        SpoolStore.syncDirectory(folder);
      } catch (IOException | RuntimeException e) {
        channel = null;
        created.close();
        Files.deleteIfExists(file);
        throw e;
      }
    }

    /** Writes zeros from the filled length up to {@code length}. */
    private void fillTo(long length) throws IOException {
      while (filled < length) {
        ByteBuffer zeros = ZEROS.duplicate();
        zeros.limit((int) Math.min(zeros.capacity(), length - filled));
        filled += channel.write(zeros, filled);
      }
    }

    /** After a failed append: drop the partial record, or give the segment up if that fails. */
    private void cutBack(long start) {
      try {
        channel.truncate(start);
        channel.force(false);
      } catch (IOException | RuntimeException e) {
        // Left as it is, the torn record ends the segment for readers; nothing follows it.
      }
      try {
        closeSegment();
      } catch (IOException e) {
        // The lock goes with the channel; there is nothing more to undo.
      }
    }

    private void closeSegment() throws IOException {
      FileChannel open = channel;
      channel = null;
      if (open != null) {
        try {
          // Not forced: should the cut be lost in a crash, readers stop at the zeros anyway.
          open.truncate(end);
        } finally {
          open.close();
        }
      }
    }

    synchronized void close() throws IOException {
      closed = true;
      writers.remove(vaultId, this);
      closeSegment();
    }
  }
}
