package dev.mailvault.imap.fetch;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.MessageParser;

/**
 * The RFC 8970 preview of a message, derived when asked from the stored bytes by the parser that
 * made it at append time (up to 256 characters of the first text part, plain before HTML, white
 * space collapsed). Nothing is stored (ADR 0035) or cached (ADR 0225).
 */
final class Previews {

  /**
   * The largest message whose preview PREVIEW (LAZY) computes: a larger one answers NIL (RFC 8970
   * §3.1: not readily available), and the client asks again without LAZY when it wants it.
   */
  static final long LAZY_LIMIT = 256 * 1024;

  private Previews() {}

  /** The preview, the empty string for a message without text, or null (NIL) for LAZY. */
  static String of(MessageMeta meta, MessageContent content, boolean lazy)
      throws MailvaultException {
    if (lazy && meta.size() > LAZY_LIMIT) {
      return null;
    }
    return MessageParser.parse(content.section("")).summary().preview();
  }
}
