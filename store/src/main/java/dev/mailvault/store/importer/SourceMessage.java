package dev.mailvault.store.importer;

import dev.mailvault.core.mail.Flags;
import java.time.Instant;

/**
 * One message read from an import source.
 *
 * @param folder the folder it belongs in (full '/'-delimited name)
 * @param raw its bytes, exactly as they are to be stored
 * @param flags its flags and keywords
 * @param internalDate its internal date
 */
public record SourceMessage(String folder, byte[] raw, Flags flags, Instant internalDate) {}
