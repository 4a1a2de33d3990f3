/**
 * Parsing of raw messages into their stored form: the part tree with byte offsets, ENVELOPE, BODY
 * and BODYSTRUCTURE data, and a decoded summary; and reading of BODY[section] contents.
 *
 * <p>Entry points: {@link dev.mailvault.core.mime.MessageParser#parse(byte[])} (once, at append),
 * {@link dev.mailvault.core.mime.SectionReader#read} (per FETCH) and {@link
 * dev.mailvault.core.mime.MimePartCodec} (the stored part tree). Everything else is package
 * private: {@code StructureScanner} splits parts, {@code HeaderParser} splits header fields, {@code
 * Rfc822Lexer}, {@code MimeParameters} and {@code AddressParser} read structured values, {@code
 * EnvelopeData}, {@code BodyStructureWriter} and {@code ImapQuoting} render IMAP data, and {@code
 * SummaryBuilder} decodes text.
 *
 * <p>Header values and rendered IMAP data are handled as byte strings, one char per byte
 * (ISO-8859-1), so that no byte of a message is lost or re-encoded (ADR 0010). Dovecot 2.3.19 is
 * the reference for every choice RFC 9051 leaves open (docs/rfc-status.md).
 */
package dev.mailvault.core.mime;
