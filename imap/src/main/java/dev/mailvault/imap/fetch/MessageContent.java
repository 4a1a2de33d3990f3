package dev.mailvault.imap.fetch;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.error.MailvaultException;
import java.util.HashMap;
import java.util.Map;

/**
 * The content of one message as one FETCH reads it: sections from the mailbox, each read at most
 * once per answer (BODY[1] and BINARY[1] of one command share a read), and byte ranges of the whole
 * message read without loading the rest of it.
 */
final class MessageContent {

  private final MailboxAccess mailbox;
  private final String folder;
  private final long uid;
  private final long size;
  private final Map<String, byte[]> sections = new HashMap<>();

  /** {@code read}: sections read already for this message (several messages at once). */
  MessageContent(
      MailboxAccess mailbox, String folder, long uid, long size, Map<String, byte[]> read) {
    this.mailbox = mailbox;
    this.folder = folder;
    this.uid = uid;
    this.size = size;
    sections.putAll(read);
  }

  /** The section's bytes, as {@link MailboxAccess#fetchSection} reads them. */
  byte[] section(String section) throws MailvaultException {
    byte[] bytes = sections.get(section);
    if (bytes == null) {
      bytes = mailbox.fetchSection(folder, uid, section);
      sections.put(section, bytes);
    }
    return bytes;
  }

  /**
   * Bytes {@code [offset, offset + length)} of the whole message, cut at its end; empty when {@code
   * offset} is past the end (RFC 9051 §6.4.5).
   */
  byte[] range(long offset, long length) throws MailvaultException {
    byte[] whole = sections.get("");
    if (whole != null) {
      return Partials.slice(whole, offset, length);
    }
    if (offset >= size) {
      return new byte[0];
    }
    int count = (int) Math.min(length, size - offset);
    return mailbox.fetchRange(folder, uid, offset, count);
  }
}
