package dev.mailvault.store;

/**
 * Told as an export or import moves messages, so a command can show progress. Called on the thread
 * doing the work; it must be quick.
 */
@FunctionalInterface
public interface TransferListener {

  TransferListener NONE = (messages, bytes) -> {};

  /** {@code messages} more messages of {@code bytes} bytes were done. */
  void transferred(long messages, long bytes);
}
