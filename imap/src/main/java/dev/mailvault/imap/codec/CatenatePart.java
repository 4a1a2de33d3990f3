package dev.mailvault.imap.codec;

/**
 * One part of an APPEND ... CATENATE message (RFC 4469 §5): literal text, or an IMAP URL (RFC 5092)
 * naming a message or a part of one, which the handler resolves in the user's own mailboxes.
 */
public sealed interface CatenatePart {

  /** {@code TEXT literal}: octets copied as they are. */
  record Text(byte[] bytes) implements CatenatePart {
    @Override
    public String toString() {
      return "Text[" + bytes.length + " bytes]";
    }
  }

  /** {@code URL astring}: the URL as sent, resolved by the handler. */
  record Url(String url) implements CatenatePart {}
}
