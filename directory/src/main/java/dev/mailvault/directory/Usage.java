package dev.mailvault.directory;

/** Bytes and messages counted against a quota, as reserved by the store. */
public record Usage(long bytes, long messages) {

  public static final Usage NONE = new Usage(0, 0);
}
