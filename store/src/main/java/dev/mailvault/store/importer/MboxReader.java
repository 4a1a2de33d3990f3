package dev.mailvault.store.importer;

import dev.mailvault.store.export.MboxHeaders;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an mbox file: Mailvault's own mboxrd export byte-exact, and mboxrd or mboxo files other
 * software wrote (docs/adr/0136-mbox-export-format.md).
 *
 * <ul>
 *   <li>A message starts at a {@code From_} line that carries an asctime date ({@code From sender
 *       Thu Mar 4 05:06:07 2021}); a body line that merely begins with "From " (an mboxo writer
 *       that did not escape it) does not split the message.
 *   <li>Lines matching {@code >+From } lose one {@code >} (mboxrd). In an mboxo file, where only
 *       "From " lines were escaped, a line that was {@code >From} to begin with comes out as
 *       "From": that format cannot tell the two apart.
 *   <li>The line end before the next {@code From_} line (CRLF if there is one, else LF) is the
 *       separator and is removed: always after a Mailvault message (the exporter always adds it),
 *       after a foreign one only when it ends with an empty line, so the last message of a file
 *       that does not end with one keeps its final line end.
 *   <li>A message that begins with the Mailvault block ({@code X-Mailvault-Folder}, {@code Status},
 *       {@code X-Status}, {@code X-Keywords}, in that order) loses exactly those four lines and
 *       goes to the folder named there. Any other message keeps its bytes except the mailbox-state
 *       headers other software adds ({@link MboxHeaders#FOREIGN_STATE}), which give its flags and
 *       are removed, as Dovecot does; it goes to the default folder.
 *   <li>The internal date is the {@code From_} line's date, read as UTC.
 * </ul>
 */
public final class MboxReader implements MessageSource {

  /** A From_ line: sender, weekday, month, day, time, optional zone, year. */
  private static final Pattern FROM_LINE =
      Pattern.compile(
          "From \\S* +[A-Za-z]{3},? +([A-Za-z]{3}) +(\\d{1,2}) +(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
              + "(?: +[A-Za-z]{1,5}| +[+-]\\d{4})? +(\\d{4}).*",
          Pattern.DOTALL);

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private final InputStream stream;
  private final LineInput lines;
  private final String defaultFolder;
  private final long size;
  private boolean started;

  private MboxReader(InputStream stream, String defaultFolder, long size) {
    this.stream = stream;
    this.lines = new LineInput(stream);
    this.defaultFolder = defaultFolder;
    this.size = size;
  }

  /** Reads {@code file}; messages without a folder of their own go to {@code defaultFolder}. */
  public static MboxReader open(Path file, String defaultFolder) throws IOException {
    return new MboxReader(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16),
        defaultFolder,
        Files.size(file));
  }

  @Override
  public long totalBytes() {
    return size;
  }

  @Override
  public SourceMessage next() throws IOException, ImportFormatException {
    byte[] fromLine = lines.next();
    if (fromLine == null) {
      return null;
    }
    if (!started) {
      started = true;
      if (!startsWith(fromLine, "From ")) {
        throw new ImportFormatException("not an mbox file: it does not begin with a From line");
      }
    }
    Instant date = fromDate(ascii(fromLine)).orElse(null);
    ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
    for (byte[] line = lines.peek(); line != null; line = lines.peek()) {
      if (isSeparator(line)) {
        break;
      }
      lines.next();
      writeUnescaped(content, line);
    }
    return MboxMessage.parse(
        content.toByteArray(), defaultFolder, date == null ? Instant.now() : date);
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  static boolean isSeparator(byte[] line) {
    return startsWith(line, "From ") && FROM_LINE.matcher(ascii(line)).matches();
  }

  /** The From_ line's asctime date, taken as UTC (the line carries no zone of its own). */
  static java.util.Optional<Instant> fromDate(String line) {
    Matcher m = FROM_LINE.matcher(line);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
    if (month < 0 || month % 3 != 0) {
      return java.util.Optional.empty();
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(m.group(6)),
              month / 3 + 1,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
      return java.util.Optional.of(t.toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** mboxrd: a line of one or more '>' then "From " loses one '>'. */
  private static void writeUnescaped(ByteArrayOutputStream out, byte[] line) {
    int i = 0;
    while (i < line.length && line[i] == '>') {
      i++;
    }
    boolean escaped = i > 0 && startsWithAt(line, i, "From ");
    out.write(line, escaped ? 1 : 0, escaped ? line.length - 1 : line.length);
  }

  static boolean startsWith(byte[] line, String prefix) {
    return startsWithAt(line, 0, prefix);
  }

  static boolean startsWithAt(byte[] line, int at, String prefix) {
    if (line.length - at < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static String ascii(byte[] line) {
    int n = line.length;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
      n--;
    }
    return new String(line, 0, n, StandardCharsets.ISO_8859_1);
  }
}
