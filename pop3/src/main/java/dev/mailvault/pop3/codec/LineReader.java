package dev.mailvault.pop3.codec;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The byte-level reader that cuts what a client sends into lines, bounded before it allocates. No
 * I/O: the connection feeds it; not thread-safe: one connection's event loop drives it.
 *
 * <p>RFC 2449 §4: a command is at most 255 octets, CRLF included. A longer one is read to its end
 * without being kept and comes out as {@link LineInput.TooLong}, so the session answers {@code
 * -ERR} and the client stays in step. A SASL response line (RFC 5034 §4, after the server's {@code
 * +}) may be longer, up to its own bound: base64 of a long login and password does not fit in 255.
 *
 * <p>A line ends at LF; the CR before it is dropped. A bare LF is accepted as a line end, as by
 * most servers: nothing in POP3 depends on telling them apart, unlike SMTP's end of DATA.
 */
public final class LineReader {

  /** RFC 2449 §4: 255 octets including CRLF. */
  public static final int MAX_COMMAND = 255;

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final int maxResponse;
  private final BooleanSupplier responseExpected;
  private byte[] line = new byte[64];
  private int length;
  private int limit;
  private boolean discarding;

  /**
   * @param maxResponse the longest SASL response line, CRLF included (at least {@link
   *     #MAX_COMMAND})
   * @param responseExpected whether the session waits for a SASL response now (asked when a line
   *     starts)
   */
  public LineReader(int maxResponse, BooleanSupplier responseExpected) {
    if (maxResponse < MAX_COMMAND) {
      throw new IllegalArgumentException("a response line may not be shorter than a command");
    }
    this.maxResponse = maxResponse;
    this.responseExpected = responseExpected;
  }

  /** Commands only, for tests and the fuzzer. */
  public LineReader() {
    this(MAX_COMMAND, () -> false);
  }

  /** Reads {@code count} octets from {@code bytes} at {@code offset}; each line goes to sink. */
  public void feed(byte[] bytes, int offset, int count, Consumer<LineInput> sink) {
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (length == 0 && !discarding && limit == 0) {
        // A line starts: its bound is the command's or, after "+ ", the response's.
        limit = responseExpected.getAsBoolean() ? maxResponse : MAX_COMMAND;
      }
      if (b == LF) {
        sink.accept(discarding ? new LineInput.TooLong() : new LineInput.Line(content()));
        length = 0;
        limit = 0;
        discarding = false;
        continue;
      }
      if (discarding) {
        continue;
      }
      // The CRLF counts towards the limit: content may take limit - 2 octets. A CR is stored
      // and dropped at LF, so a line of exactly limit - 1 octets plus CR still fits.
      if (length >= limit - 1) {
        discarding = true;
        length = 0;
        continue;
      }
      append(b);
    }
  }

  /** Drops a line in progress (RFC 2595 §4: nothing sent before TLS is obeyed after it). */
  public void reset() {
    length = 0;
    limit = 0;
    discarding = false;
    line = new byte[64];
  }

  /** Octets of an unfinished line held now (never more than the current bound). */
  public int buffered() {
    return length;
  }

  private void append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, Math.min(line.length * 2, limit));
    }
    line[length++] = b;
  }

  private byte[] content() {
    int end = length > 0 && line[length - 1] == CR ? length - 1 : length;
    byte[] out = Arrays.copyOf(line, end);
    Arrays.fill(line, 0, length, (byte) 0); // a PASS line held a password
    return out;
  }
}
