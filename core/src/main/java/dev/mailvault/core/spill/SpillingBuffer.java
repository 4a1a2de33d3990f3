package dev.mailvault.core.spill;

import dev.mailvault.core.crypto.EphemeralChunkCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes of one input still arriving (a literal, a DATA or BDAT body): the first {@code threshold}
 * bytes in memory, the rest sealed in 64 KiB chunks to a file of its {@link SpillArea}, so a peer
 * that announces a large input and never finishes it costs disk, not heap, and no plaintext reaches
 * the disk (ADR 0165). Every byte held is taken from the node's {@link InFlightBudget} first.
 *
 * <p>Not thread-safe: one connection's event loop fills it; whoever {@link #close()}s it last
 * returns its budget and deletes its file.
 */
public final class SpillingBuffer implements AutoCloseable {

  static final int CHUNK = 64 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private final SpillArea area;
  private byte[] memory = EMPTY;
  private int memoryLength;
  private byte[] pending;
  private int pendingLength;
  private long sealedChunks;
  private Path path;
  private FileChannel file;
  private EphemeralChunkCipher cipher;
  private long size;
  private long reserved;
  private boolean closed;

  SpillingBuffer(SpillArea area) {
    this.area = area;
  }

  /**
   * Takes from the budget what {@code more} bytes beyond those written will need, so that they are
   * refused before they are asked for (an IMAP literal is announced before it is sent).
   *
   * @return false, having taken nothing, when the budget cannot spare them
   */
  public boolean reserve(long more) {
    long needed = size + more - reserved;
    if (needed <= 0) {
      return true;
    }
    if (!area.budget().tryReserve(needed)) {
      return false;
    }
    reserved += needed;
    return true;
  }

  /**
   * Appends {@code length} bytes.
   *
   * @return false when the budget cannot spare them or the spill file cannot be written; the caller
   *     then closes this buffer and answers with a temporary failure
   */
  public boolean write(byte[] bytes, int offset, int length) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    // Reserve in whole chunks so the shared counter is not touched for every network read.
    if (size + length > reserved && !reserve(Math.max(length, CHUNK))) {
      return false;
    }
    int toMemory = (int) Math.min(length, Math.max(0, area.threshold() - (long) memoryLength));
    if (toMemory > 0) {
      growMemory(memoryLength + toMemory);
      System.arraycopy(bytes, offset, memory, memoryLength, toMemory);
      memoryLength += toMemory;
    }
    try {
      for (int i = offset + toMemory; i < offset + length; ) {
        if (pending == null) {
          pending = new byte[CHUNK];
        }
        int n = Math.min(CHUNK - pendingLength, offset + length - i);
        System.arraycopy(bytes, i, pending, pendingLength, n);
        pendingLength += n;
        i += n;
        if (pendingLength == CHUNK) {
          sealPending();
        }
      }
    } catch (IOException e) {
      return false;
    }
    size += length;
    return true;
  }

  /** The bytes written so far. */
  public long size() {
    return size;
  }

  /** Whether part of the input lives in a sealed file. */
  public boolean spilled() {
    return file != null;
  }

  /**
   * Everything written, in one array: the store takes whole messages, so this is called once, when
   * the input is complete and about to be stored.
   *
   * @throws IllegalStateException when the spill file cannot be read back or was altered
   */
  public byte[] toByteArray() {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too large for one array");
    }
    byte[] all = Arrays.copyOf(memory, (int) size);
    int at = memoryLength;
    try {
      int sealedLength = CHUNK + EphemeralChunkCipher.OVERHEAD;
      for (long chunk = 0; chunk < sealedChunks; chunk++) {
        ByteBuffer sealed = ByteBuffer.allocate(sealedLength);
        long position = chunk * sealedLength;
        while (sealed.hasRemaining()) {
          if (file.read(sealed, position + sealed.position()) < 0) {
            throw new IOException("spill file truncated");
          }
        }
        byte[] plain = cipher.open(chunk, sealed.array());
        System.arraycopy(plain, 0, all, at, plain.length);
        at += plain.length;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read back spilled input: " + e.getMessage(), e);
    }
    if (pendingLength > 0) {
      System.arraycopy(pending, 0, all, at, pendingLength);
    }
    return all;
  }

  /** Returns the budget, forgets the key and deletes the file; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    area.budget().release(reserved);
    reserved = 0;
    memory = EMPTY;
    pending = null;
    if (cipher != null) {
      cipher.destroy();
    }
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // Nothing to flush: the file is deleted below either way.
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // Unreadable without the key, which is gone; the next start deletes it (SpillArea.open).
      }
    }
  }

  private void growMemory(int needed) {
    if (needed > memory.length) {
      long doubled = Math.max(256, memory.length * 2L);
      memory = Arrays.copyOf(memory, (int) Math.min(area.threshold(), Math.max(needed, doubled)));
    }
  }

  private void sealPending() throws IOException {
    if (file == null) {
      path = area.newFile();
      file = SpillArea.openChannel(path);
      cipher = new EphemeralChunkCipher();
    }
    byte[] sealed = cipher.seal(sealedChunks, pending, pendingLength);
    ByteBuffer out = ByteBuffer.wrap(sealed);
    long position = sealedChunks * (CHUNK + EphemeralChunkCipher.OVERHEAD);
    while (out.hasRemaining()) {
      file.write(out, position + out.position());
    }
    // The plaintext chunk is reused for the next one; zero it so no copy outlives its use.
    Arrays.fill(pending, (byte) 0);
    pendingLength = 0;
    sealedChunks++;
  }
}
