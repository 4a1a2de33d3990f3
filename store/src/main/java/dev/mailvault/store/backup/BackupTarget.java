package dev.mailvault.store.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where backups are kept: a local directory or an S3-compatible bucket. Objects are named by keys
 * such as {@code <vault id>/<time>.vault} that carry random ids and times only, never an address
 * (DESIGN §1). A key uses '/' as separator whatever the target.
 */
public interface BackupTarget extends AutoCloseable {

  /** Stores {@code file} under {@code key}, replacing nothing: a key is written once. */
  void put(String key, Path file) throws IOException;

  /** Stores small {@code bytes} (a manifest) under {@code key}. */
  void put(String key, byte[] bytes) throws IOException;

  /** The object's bytes, streamed; {@link java.nio.file.NoSuchFileException} when absent. */
  InputStream get(String key) throws IOException;

  /**
   * The object's bytes from {@code offset} on (none when it is past the end): one piece of a
   * download read in pieces (ADR 0286). A target that can start reading there overrides this.
   */
  default InputStream get(String key, long offset) throws IOException {
    InputStream in = get(key);
    try {
      in.skipNBytes(offset);
    } catch (EOFException e) {
      // past the end: nothing left to read
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return in;
  }

  /** Every key that starts with {@code prefix}, in ascending order. */
  List<String> list(String prefix) throws IOException;

  /** Removes the object; absent is not an error. */
  void delete(String key) throws IOException;

  /** What this target is, for logs and CLI output (a path or {@code s3://bucket/prefix}). */
  String describe();

  @Override
  void close() throws IOException;
}
