package dev.mailvault.store.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes messages as one mboxrd file (docs/adr/0136-mbox-export-format.md): a {@code From_} line
 * with the internal date, the folder and flag headers of {@link MboxHeaders}, the message bytes
 * with every line matching {@code >*From } given one more {@code >}, then one line end. Line ends
 * follow the message's own (CRLF or LF), so the reader can strip exactly what was added and get the
 * stored bytes back.
 */
final class MboxWriter implements MessageSink {

  /** asctime(3) in UTC, as From_ lines carry it: {@code Thu Mar 4 05:06:07 2021}. */
  static final DateTimeFormatter FROM_DATE =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final OutputStream out;

  MboxWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(ExportedMessage message) throws IOException {
    byte[] raw = message.raw();
    String eol = usesCrlf(raw) ? "\r\n" : "\n";
    out.write(fromLine(message.internalDate(), eol));
    out.write(MboxHeaders.exportBlock(message.folder(), message.flags(), eol));
    writeEscaped(raw);
    out.write(separator(raw));
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }

  static byte[] fromLine(Instant date, String eol) {
    return ("From MAILER-DAEMON " + FROM_DATE.format(date) + eol)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the message's first line ends in CRLF (as stored mail nearly always does). */
  static boolean usesCrlf(byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        return i > 0 && raw[i - 1] == '\r';
      }
    }
    return true;
  }

  /**
   * The line end that ends the message in the file: the reader strips a final CRLF if there is one,
   * else a final LF. A message ending in a bare LF gets LF (its own line end stays); any other
   * ending gets CRLF, so a trailing CR of the message is not mistaken for the separator's.
   */
  static byte[] separator(byte[] raw) {
    int n = raw.length;
    boolean bareLf = n > 0 && raw[n - 1] == '\n' && (n < 2 || raw[n - 2] != '\r');
    return bareLf ? new byte[] {'\n'} : new byte[] {'\r', '\n'};
  }

  /** mboxrd: a line of zero or more '>' then "From " gets one more '>' (reversed on reading). */
  private void writeEscaped(byte[] raw) throws IOException {
    int lineStart = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '\n') {
        int end = i == raw.length ? raw.length : i + 1;
        if (needsEscape(raw, lineStart, end)) {
          out.write('>');
        }
        out.write(raw, lineStart, end - lineStart);
        lineStart = end;
      }
    }
  }

  static boolean needsEscape(byte[] b, int start, int end) {
    int i = start;
    while (i < end && b[i] == '>') {
      i++;
    }
    return end - i >= 5
        && b[i] == 'F'
        && b[i + 1] == 'r'
        && b[i + 2] == 'o'
        && b[i + 3] == 'm'
        && b[i + 4] == ' ';
  }
}
