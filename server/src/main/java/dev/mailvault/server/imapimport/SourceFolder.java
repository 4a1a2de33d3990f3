package dev.mailvault.server.imapimport;

/**
 * A folder as the source server lists it, with the name it gets in the vault.
 *
 * @param sourceName the full name on the source, modified UTF-7 decoded
 * @param targetName the name in the vault ({@link FolderNameMapper})
 * @param selectable false for a {@code \Noselect} or {@code \NonExistent} level that only holds
 *     children (RFC 9051 §7.3.1): it is created, but holds no messages to copy
 * @param subscribed whether the source has the name subscribed
 */
public record SourceFolder(
    String sourceName, String targetName, boolean selectable, boolean subscribed) {}
