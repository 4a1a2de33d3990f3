package dev.mailvault.bench.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes messages as an mboxrd file for ImapTest (the "From " line convention; a body line matching
 * {@code >*From } gains one more {@code >}). The messages keep their CRLF line ends. No empty line
 * precedes the next "From " line: ImapTest takes every line up to it as the message ({@code
 * mailbox-source-mbox.c}), so a separator would make its APPENDs two bytes longer than the seeded
 * copies of the same Message-ID, and its model would report them as changed. The envelope date is
 * in asctime form, which ImapTest's {@code mbox_from_parse} accepts.
 */
final class Mboxrd {

  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
  private static final Pattern FROM_LINE = Pattern.compile("(?m)^(>*From )");

  private final OutputStream out;
  private final Instant date;

  Mboxrd(OutputStream out, Instant date) {
    this.out = out;
    this.date = date;
  }

  /** Appends one message, which must end with CRLF (the "From " line that follows needs it). */
  void write(byte[] message) throws IOException {
    // ISO-8859-1 maps every byte to one char and back, so 8-bit bytes survive the quoting
    String text = new String(message, StandardCharsets.ISO_8859_1);
    if (!text.endsWith("\r\n")) {
      throw new IllegalArgumentException("a message for the mbox must end with CRLF");
    }
    String from = "From bench@bench.test " + ASCTIME.format(date.atOffset(ZoneOffset.UTC)) + "\r\n";
    out.write(from.getBytes(StandardCharsets.US_ASCII));
    out.write(FROM_LINE.matcher(text).replaceAll(">$1").getBytes(StandardCharsets.ISO_8859_1));
  }
}
