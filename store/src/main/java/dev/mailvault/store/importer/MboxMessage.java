package dev.mailvault.store.importer;

import dev.mailvault.store.export.MboxHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * One message cut out of an mbox file, made into what is stored: the Mailvault block taken off, or
 * a foreign file's state headers read and taken off (see {@link MboxReader}).
 */
final class MboxMessage {

  private MboxMessage() {}

  /**
   * @param content the lines between this message's From_ line and the next, unescaped, with the
   *     separating line end still on
   */
  static SourceMessage parse(byte[] content, String defaultFolder, Instant date) {
    SourceMessage own = mailvaultBlock(withoutSeparator(content), date);
    if (own != null) {
      return own;
    }
    return foreign(
        endsWithEmptyLine(content) ? withoutSeparator(content) : content, defaultFolder, date);
  }

  /** Without the final CRLF, or else the final LF. */
  static byte[] withoutSeparator(byte[] b) {
    int n = b.length;
    if (n >= 2 && b[n - 2] == '\r' && b[n - 1] == '\n') {
      return Arrays.copyOf(b, n - 2);
    }
    if (n >= 1 && b[n - 1] == '\n') {
      return Arrays.copyOf(b, n - 1);
    }
    return b;
  }

  private static boolean endsWithEmptyLine(byte[] b) {
    byte[] once = withoutSeparator(b);
    return once.length < b.length && (once.length == 0 || once[once.length - 1] == '\n');
  }

  /**
   * The four lines the exporter wrote in front of the message, in order; null when the message does
   * not begin with them exactly (it is then read as a foreign one).
   */
  private static SourceMessage mailvaultBlock(byte[] raw, Instant date) {
    int at = 0;
    String[] values = new String[MboxHeaders.EXPORT_ORDER.length];
    for (int i = 0; i < values.length; i++) {
      String prefix = MboxHeaders.EXPORT_ORDER[i] + ": ";
      int end = lineEnd(raw, at);
      if (end < 0 || !MboxReader.startsWithAt(raw, at, prefix)) {
        return null;
      }
      values[i] = MboxReader.ascii(Arrays.copyOfRange(raw, at + prefix.length(), end));
      at = end;
    }
    MboxHeaders.FlagReader flags = new MboxHeaders.FlagReader();
    flags.header(MboxHeaders.STATUS, values[1]);
    flags.header(MboxHeaders.X_STATUS, values[2]);
    flags.header(MboxHeaders.X_KEYWORDS, values[3]);
    return new SourceMessage(
        MboxHeaders.decodeFolder(values[0]),
        Arrays.copyOfRange(raw, at, raw.length),
        flags.flags(),
        date);
  }

  /** Reads the state headers of the header section and removes them, folded lines included. */
  private static SourceMessage foreign(byte[] raw, String defaultFolder, Instant date) {
    MboxHeaders.FlagReader flags = new MboxHeaders.FlagReader();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(raw.length);
    int at = 0;
    while (at < raw.length) {
      int end = lineEnd(raw, at);
      if (end < 0 || isBlank(raw, at, end) || !isFieldStart(raw[at])) {
        break; // end of the header section (or no header at all): the rest is kept as it is
      }
      int fieldEnd = end;
      while (fieldEnd < raw.length && (raw[fieldEnd] == ' ' || raw[fieldEnd] == '\t')) {
        int next = lineEnd(raw, fieldEnd);
        fieldEnd = next < 0 ? raw.length : next;
      }
      String field = new String(raw, at, fieldEnd - at, StandardCharsets.ISO_8859_1);
      int colon = field.indexOf(':');
      String name = colon < 0 ? "" : field.substring(0, colon).trim();
      if (MboxHeaders.FOREIGN_STATE.contains(name.toLowerCase(Locale.ROOT))) {
        flags.header(name, field.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").trim());
      } else {
        kept.write(raw, at, fieldEnd - at);
      }
      at = fieldEnd;
    }
    kept.write(raw, at, raw.length - at);
    return new SourceMessage(defaultFolder, kept.toByteArray(), flags.flags(), date);
  }

  private static boolean isFieldStart(byte b) {
    return b != ' ' && b != '\t';
  }

  private static boolean isBlank(byte[] raw, int start, int end) {
    int len = end - start;
    return (len == 1 && raw[start] == '\n') || (len == 2 && raw[start] == '\r');
  }

  /** The index after the LF ending the line at {@code start}, or -1 if no LF follows. */
  private static int lineEnd(byte[] raw, int start) {
    for (int i = start; i < raw.length; i++) {
      if (raw[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }
}
