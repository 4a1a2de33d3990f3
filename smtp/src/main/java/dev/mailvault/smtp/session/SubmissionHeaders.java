package dev.mailvault.smtp.session;

import dev.mailvault.core.mime.HeaderAddresses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header of a submitted message, read once: its {@code From} mailboxes for the sender policy,
 * and the message as it leaves (RFC 6409 §8): {@code Bcc} fields removed with their folded lines
 * (§8.1 allows it, and no copy may tell the others who got a blind copy), and the fields the caller
 * adds on top ({@code Message-ID}, {@code Date} when missing, §8.3; a {@code Received} when
 * configured). One pass over the header section, which the message size limit already bounds; the
 * From list is bounded by the address parser.
 */
final class SubmissionHeaders {

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final byte[] message;

  /** Where the header section ends: the blank line, or the first line that is no field. */
  private final int headerEnd;

  /** Each field's [start, end) with its folded lines and line ends. */
  private final List<int[]> fields = new ArrayList<>();

  private SubmissionHeaders(byte[] message) {
    this.message = message;
    this.headerEnd = scan();
  }

  static SubmissionHeaders read(byte[] message) {
    return new SubmissionHeaders(message);
  }

  /** RFC 5322 §2.2: a field starts at a line with a colon; WSP at a line's start folds it. */
  private int scan() {
    int i = 0;
    while (i < message.length) {
      int end = lineEnd(i);
      byte first = message[i];
      if (first == ' ' || first == '\t') {
        if (fields.isEmpty()) {
          return i;
        }
        fields.get(fields.size() - 1)[1] = end;
      } else {
        if (first == CR || first == LF || colon(i, end) < 0) {
          return i;
        }
        fields.add(new int[] {i, end});
      }
      i = end;
    }
    return i;
  }

  private int lineEnd(int from) {
    for (int i = from; i < message.length; i++) {
      if (message[i] == LF) {
        return i + 1;
      }
    }
    return message.length;
  }

  private int colon(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = message[i];
      if (b == ':') {
        return i > from ? i : -1;
      }
      // RFC 5322 §3.6.8: a field name is printable ASCII other than the colon.
      if (b <= ' ' || b > '~') {
        return -1;
      }
    }
    return -1;
  }

  private String name(int[] field) {
    int colon = colon(field[0], field[1]);
    return new String(message, field[0], colon - field[0], StandardCharsets.US_ASCII)
        .toLowerCase(Locale.ROOT);
  }

  boolean has(String fieldName) {
    for (int[] field : fields) {
      if (name(field).equals(fieldName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every mailbox of every {@code From} field, unfolded; empty when there is no From field or one
   * cannot be read.
   */
  Optional<List<String>> fromAddresses() {
    List<String> all = new ArrayList<>();
    boolean found = false;
    for (int[] field : fields) {
      if (!name(field).equals("from")) {
        continue;
      }
      found = true;
      int start = colon(field[0], field[1]) + 1;
      byte[] value = new byte[field[1] - start];
      for (int i = 0; i < value.length; i++) {
        byte b = message[start + i];
        // RFC 5322 §2.2.3: unfolding removes the CRLF before the WSP.
        value[i] = b == CR || b == LF ? (byte) ' ' : b;
      }
      Optional<List<String>> mailboxes = HeaderAddresses.mailboxes(value, 0, value.length);
      if (mailboxes.isEmpty()) {
        return Optional.empty();
      }
      all.addAll(mailboxes.get());
    }
    return found && !all.isEmpty() ? Optional.of(all) : Optional.empty();
  }

  /** {@code added} (whole fields with CRLF) on top, then the message without its Bcc fields. */
  byte[] rewrite(String added) {
    byte[] top = added.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(top.length + message.length);
    out.writeBytes(top);
    for (int[] field : fields) {
      if (!name(field).equals("bcc")) {
        out.write(message, field[0], field[1] - field[0]);
      }
    }
    out.write(message, headerEnd, message.length - headerEnd);
    return out.toByteArray();
  }
}
