package dev.mailvault.store.spool;

import java.nio.file.Path;

/**
 * One waiting spool item as {@link SpoolStore#entries} found it: its id, and where its sealed bytes
 * lie (a segment and an offset, or a whole file of the first format at offset 0).
 */
public record SpoolEntry(String id, Path file, long offset, int length) {}
