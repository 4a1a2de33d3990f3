package dev.mailvault.imap.codec;

/** How a session's client writes mailbox names. */
public enum NameEncoding {
  /** IMAP4rev1: modified UTF-7 (RFC 3501 §5.1.3). */
  MODIFIED_UTF7,
  /** After {@code ENABLE IMAP4rev2} or {@code ENABLE UTF8=ACCEPT} (RFC 9051 §5.1, RFC 6855 §3). */
  UTF8
}
