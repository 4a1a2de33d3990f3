package dev.mailvault.store.importer;

/**
 * What an import did.
 *
 * @param added messages stored by this run
 * @param skipped messages found stored already (by an earlier run, or repeated in the source)
 * @param bytes the bytes of the messages read, added or skipped
 */
public record ImportReport(long added, long skipped, long bytes) {}
