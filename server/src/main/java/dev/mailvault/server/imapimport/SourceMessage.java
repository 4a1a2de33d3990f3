package dev.mailvault.server.imapimport;

import java.time.Instant;

/**
 * What the source says about a message before it is downloaded (one {@code UID FETCH 1:* (UID
 * RFC822.SIZE INTERNALDATE)} per folder): enough to skip it, or to batch its download by size.
 */
record SourceMessage(long uid, long size, Instant internalDate) {}
