package dev.mailvault.server.imapimport;

/**
 * What an IMAP import did.
 *
 * @param folders source folders seen (each exists in the vault afterwards)
 * @param added messages stored by this run
 * @param alreadyImported messages skipped without downloading: their import key was in the vault
 * @param alreadyPresent messages downloaded and then skipped: the same bytes and internal date were
 *     in the vault folder already (ADR 0147)
 * @param vanished messages expunged on the source between listing and download
 * @param bytes bytes downloaded
 * @param droppedKeywords keywords that are not IMAP atoms and could not be kept
 */
public record ImapImportReport(
    int folders,
    long added,
    long alreadyImported,
    long alreadyPresent,
    long vanished,
    long bytes,
    long droppedKeywords) {}
