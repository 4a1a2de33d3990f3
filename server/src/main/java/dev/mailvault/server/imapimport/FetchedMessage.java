package dev.mailvault.server.imapimport;

import dev.mailvault.core.mail.Flags;
import java.time.Instant;

/**
 * A message downloaded from the source: its bytes exactly as {@code BODY.PEEK[]} returned them, its
 * flags and keywords, and its INTERNALDATE.
 *
 * @param droppedKeywords how many of its keywords could not be kept ({@link SourceFlags})
 */
record FetchedMessage(
    long uid, byte[] raw, Flags flags, int droppedKeywords, Instant internalDate) {}
