package dev.mailvault.server.imapimport;

import java.util.List;

/**
 * A source folder as EXAMINE and the metadata FETCH found it.
 *
 * @param folder the folder
 * @param uidValidity its UIDVALIDITY (RFC 9051 §2.3.1.1): UIDs mean the same messages only while it
 *     stays the same
 * @param messages its messages, UID ascending
 */
public record SourceListing(SourceFolder folder, long uidValidity, List<SourceMessage> messages) {}
