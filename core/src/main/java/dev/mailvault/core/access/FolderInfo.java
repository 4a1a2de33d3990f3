package dev.mailvault.core.access;

/**
 * A folder and its STATUS counters (RFC 9051 §6.3.11), all maintained as mail changes, never
 * counted by a scan.
 *
 * @param name the full name, '/'-delimited, UTF-8 ({@code INBOX} always spelled so)
 * @param specialUse the RFC 6154 attribute such as {@code \Sent}, or null
 * @param subscribed whether the name is subscribed
 * @param hasChildren whether any folder sits below it
 * @param uidValidity UIDVALIDITY
 * @param uidNext UIDNEXT
 * @param highestModseq HIGHESTMODSEQ (RFC 7162)
 * @param messages MESSAGES
 * @param unseen UNSEEN: messages without {@code \Seen}
 * @param deleted DELETED: messages with {@code \Deleted}
 * @param size SIZE: the sum of RFC822.SIZE
 */
public record FolderInfo(
    String name,
    String specialUse,
    boolean subscribed,
    boolean hasChildren,
    long uidValidity,
    long uidNext,
    long highestModseq,
    long messages,
    long unseen,
    long deleted,
    long size) {}
