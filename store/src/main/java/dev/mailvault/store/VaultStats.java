package dev.mailvault.store;

/**
 * Storage figures of one vault, for benchmarks, tests and the admin UI.
 *
 * @param pageSize SQLite's page size in bytes
 * @param pageCount pages in the database (excluding the WAL)
 * @param freelistCount pages free for reuse
 * @param messages message rows in all folders
 * @param contents distinct stored contents (copies share one)
 * @param contentBytes raw bytes of the distinct contents
 * @param blobs distinct large bodies stored once
 * @param blobBytes raw bytes of those bodies
 * @param storedBytes bytes of content, segment and blob data as written (after compression)
 */
public record VaultStats(
    long pageSize,
    long pageCount,
    long freelistCount,
    long messages,
    long contents,
    long contentBytes,
    long blobs,
    long blobBytes,
    long storedBytes) {}
