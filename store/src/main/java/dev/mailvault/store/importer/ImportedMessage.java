package dev.mailvault.store.importer;

/**
 * What an imported message became.
 *
 * @param folder the folder it is stored in (canonical name)
 * @param uid its UID there, when it was stored
 * @param added true when this call stored it, false when its key was stored before (then {@code
 *     folder} and {@code uid} are those recorded by the import that stored it; the message may have
 *     been moved or expunged since)
 */
public record ImportedMessage(String folder, long uid, boolean added) {}
