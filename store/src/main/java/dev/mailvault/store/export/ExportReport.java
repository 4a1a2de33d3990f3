package dev.mailvault.store.export;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * @param file the finished file
 * @param format its format
 * @param folders how many folders the vault has
 * @param messages how many messages it holds
 * @param messageBytes the messages' bytes together
 * @param fileBytes the size of the file
 */
public record ExportReport(
    Path file,
    ExportFormat format,
    int folders,
    long messages,
    long messageBytes,
    long fileBytes) {}
