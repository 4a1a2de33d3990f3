package dev.mailvault.server.app;

import dev.mailvault.core.crypto.EphemeralChunkCipher;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A temporary file whose bytes are sealed in 64 KiB chunks under a key that lives only in this
 * object's memory ({@link EphemeralChunkCipher}): an export waiting for its download never rests on
 * disk in plaintext, and once the file is deleted or the process ends nothing can open it. Each
 * chunk is its length (4 bytes) and its sealed bytes; the chunk's number is its nonce.
 */
final class SealedFile implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final Path file;
  private final EphemeralChunkCipher cipher = new EphemeralChunkCipher();
  private long plainSize;

  SealedFile(Path file) {
    this.file = file;
  }

  /** A stream that seals what it is given into the file (created new). */
  OutputStream writer() throws IOException {
    DataOutputStream out =
        new DataOutputStream(
            new java.io.BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), CHUNK + 64));
    return new OutputStream() {
      private final byte[] buffer = new byte[CHUNK];
      private int filled;
      private long chunk;

      @Override
      public void write(int b) throws IOException {
        buffer[filled++] = (byte) b;
        if (filled == CHUNK) {
          seal();
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
          int n = Math.min(len, CHUNK - filled);
          System.arraycopy(b, off, buffer, filled, n);
          filled += n;
          off += n;
          len -= n;
          if (filled == CHUNK) {
            seal();
          }
        }
      }

      private void seal() throws IOException {
        byte[] sealed = cipher.seal(chunk++, buffer, filled);
        out.writeInt(sealed.length);
        out.write(sealed);
        plainSize += filled;
        java.util.Arrays.fill(buffer, 0, filled, (byte) 0);
        filled = 0;
      }

      @Override
      public void close() throws IOException {
        if (filled > 0) {
          seal();
        }
        out.close();
      }
    };
  }

  /** The plaintext bytes written so far. */
  long size() {
    return plainSize;
  }

  /** Opens each chunk in turn and writes the plaintext to {@code out}. */
  void copyTo(OutputStream out) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), CHUNK))) {
      for (long chunk = 0; ; chunk++) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          return;
        }
        if (length < EphemeralChunkCipher.OVERHEAD || length > CHUNK + 64) {
          throw new IOException("a sealed chunk has a bad length");
        }
        byte[] sealed = in.readNBytes(length);
        if (sealed.length != length) {
          throw new IOException("a sealed chunk is cut short");
        }
        out.write(cipher.open(chunk, sealed));
      }
    }
  }

  /**
   * Up to {@code max} plaintext bytes from {@code offset}, fewer only at the end: opens just the
   * chunks they lie in. Every chunk but the last holds {@link #CHUNK} bytes, so the n-th begins at
   * a known place in the file.
   */
  byte[] read(long offset, int max) throws IOException {
    if (offset < 0 || max < 0) {
      throw new IllegalArgumentException("a negative offset or length");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, CHUNK));
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long chunk = offset / CHUNK;
      int skip = (int) (offset % CHUNK);
      while (out.size() < max) {
        ByteBuffer header = ByteBuffer.allocate(Integer.BYTES);
        long at = chunk * (Integer.BYTES + CHUNK + EphemeralChunkCipher.OVERHEAD);
        if (!readFully(in, header, at)) {
          break;
        }
        int length = header.flip().getInt();
        if (length < EphemeralChunkCipher.OVERHEAD || length > CHUNK + 64) {
          throw new IOException("a sealed chunk has a bad length");
        }
        ByteBuffer sealed = ByteBuffer.allocate(length);
        if (!readFully(in, sealed, at + Integer.BYTES)) {
          throw new IOException("a sealed chunk is cut short");
        }
        byte[] plain = cipher.open(chunk, sealed.array());
        int n = Math.min(plain.length - skip, max - out.size());
        if (n > 0) {
          out.write(plain, skip, n);
        }
        Arrays.fill(plain, (byte) 0);
        if (n <= 0 || plain.length < CHUNK) {
          break;
        }
        skip = 0;
        chunk++;
      }
    }
    return out.toByteArray();
  }

  /** Fills {@code buffer} from {@code position}; false when the file ends there. */
  private static boolean readFully(FileChannel in, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (in.read(buffer, position + buffer.position()) < 0) {
        if (buffer.position() == 0) {
          return false;
        }
        throw new IOException("a sealed chunk is cut short");
      }
    }
    return true;
  }

  /** Copies a plaintext file in (the sqlite export, itself encrypted by the password). */
  void copyFrom(Path plain) throws IOException {
    try (InputStream in = Files.newInputStream(plain);
        OutputStream out = writer()) {
      in.transferTo(out);
    }
  }

  /** Deletes the file and forgets the key. */
  @Override
  public void close() {
    cipher.destroy();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The key is gone: what is left on disk opens for nobody.
    }
  }
}
