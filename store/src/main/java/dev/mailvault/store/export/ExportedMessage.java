package dev.mailvault.store.export;

import dev.mailvault.core.mail.Flags;
import java.time.Instant;

/**
 * One message as an export writes it.
 *
 * @param folder its full '/'-delimited folder name
 * @param uid its UID in that folder
 * @param flags its flags and keywords
 * @param internalDate its INTERNALDATE
 * @param raw its bytes exactly as stored
 */
public record ExportedMessage(
    String folder, long uid, Flags flags, Instant internalDate, byte[] raw) {}
