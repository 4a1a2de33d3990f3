package dev.mailvault.sieve.codec;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The byte-level reader that cuts what a client sends into requests (RFC 5804 §4): a line that ends
 * in CRLF, unless it ends in a literal prefix {@code {n+}} (or {@code {n}}), in which case n octets
 * follow and then more of the request. Bounded before it allocates: a line part over {@link
 * #maxLine} is read to its end without being kept, and a literal whose announced length is over
 * {@link #maxLiteral} is counted off without being kept; either way the client stays in step and
 * gets a {@code NO}. No I/O; not thread-safe: one connection's event loop drives it.
 *
 * <p>RFC 5804 §4 only defines non-synchronizing literals from the client. A synchronizing {@code
 * {n}} is taken the same way, without a go-ahead (there is none in ManageSieve), as Dovecot does:
 * older clients send it and then the octets at once.
 */
public final class RequestFramer {

  private static final byte LF = '\n';
  private static final byte CR = '\r';

  /** Longest digits of a literal length we read; more is over any bound. */
  private static final int MAX_DIGITS = 10;

  private final int maxLine;
  private final int maxLiteral;
  private final int maxRequest;

  private byte[] buffer = new byte[128];
  private int length;

  /** Octets of the current line part (since the request's start or its last literal). */
  private int lineLength;

  /** Octets of literal data still to come; 0 when reading a line. */
  private long literalLeft;

  /** The request is refused already: nothing more of it is kept, only counted off. */
  private boolean dropping;

  /** Whether it is refused for a literal over its bound (else for a line over its bound). */
  private boolean literalTooLarge;

  /** The last octets of a line being discarded, to find a literal prefix at its end. */
  private final byte[] tail = new byte[MAX_DIGITS + 4];

  private int tailLength;

  /**
   * @param maxLine the longest line part of a request, CRLF included
   * @param maxLiteral the longest literal (a script, a SASL response)
   */
  public RequestFramer(int maxLine, int maxLiteral) {
    if (maxLine < 64 || maxLiteral < 1) {
      throw new IllegalArgumentException("a request must fit a command line");
    }
    this.maxLine = maxLine;
    this.maxLiteral = maxLiteral;
    // One literal and a few lines: a request never holds more than that.
    this.maxRequest = maxLiteral + 4 * maxLine;
  }

  /** Reads {@code count} octets of {@code bytes} from {@code offset}; each request goes to sink. */
  public void feed(byte[] bytes, int offset, int count, Consumer<FramedInput> sink) {
    int end = offset + count;
    int i = offset;
    while (i < end) {
      if (literalLeft > 0) {
        int take = (int) Math.min(literalLeft, end - i);
        if (!dropping) {
          append(bytes, i, take);
        }
        literalLeft -= take;
        i += take;
        continue;
      }
      byte b = bytes[i++];
      if (b == LF) {
        endOfLine(sink);
        continue;
      }
      lineLength++;
      if (dropping) {
        remember(b);
        continue;
      }
      if (lineLength >= maxLine || length >= maxRequest) {
        drop(false);
        remember(b);
        continue;
      }
      append(b);
    }
  }

  private void endOfLine(Consumer<FramedInput> sink) {
    lineLength = 0;
    long literal;
    if (dropping) {
      literal = literalPrefix(tail, tailLength);
      tailLength = 0;
      if (literal >= 0) {
        // The request is refused but the client sends the literal all the same: count it off.
        literalLeft = literal;
        return;
      }
      finish(
          sink,
          literalTooLarge ? new FramedInput.LiteralTooLarge() : new FramedInput.LineTooLong());
      return;
    }
    literal = literalPrefix(buffer, length);
    if (literal < 0) {
      int end = length > 0 && buffer[length - 1] == CR ? length - 1 : length;
      finish(sink, new FramedInput.Request(Arrays.copyOf(buffer, end)));
      return;
    }
    if (literal > maxLiteral || length + literal > maxRequest) {
      drop(true);
    } else {
      append(LF);
    }
    literalLeft = literal;
  }

  /** Refuses the request in progress: what was kept is zeroed, the rest is only counted off. */
  private void drop(boolean forLiteral) {
    Arrays.fill(buffer, 0, length, (byte) 0);
    length = 0;
    tailLength = 0;
    dropping = true;
    literalTooLarge = forLiteral;
  }

  private void finish(Consumer<FramedInput> sink, FramedInput input) {
    Arrays.fill(buffer, 0, length, (byte) 0); // it may have held a password
    length = 0;
    dropping = false;
    literalTooLarge = false;
    sink.accept(input);
  }

  /**
   * The literal length announced at the end of {@code line} ({@code {n+}} or {@code {n}}, before an
   * optional CR), or -1 when the line does not end in one. A length too long to read is {@code
   * Long.MAX_VALUE}: over every bound.
   */
  static long literalPrefix(byte[] line, int length) {
    int end = length > 0 && line[length - 1] == CR ? length - 1 : length;
    if (end < 3 || line[end - 1] != '}') {
      return -1;
    }
    int digitsEnd = line[end - 2] == '+' ? end - 2 : end - 1;
    int start = digitsEnd;
    while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') {
      start--;
    }
    if (start == digitsEnd || start == 0 || line[start - 1] != '{') {
      return -1;
    }
    if (digitsEnd - start > MAX_DIGITS) {
      return Long.MAX_VALUE;
    }
    long value = 0;
    for (int i = start; i < digitsEnd; i++) {
      value = value * 10 + (line[i] - '0');
    }
    return value;
  }

  /** Drops a request in progress (RFC 5804 §2.2: nothing sent before TLS is obeyed after it). */
  public void reset() {
    Arrays.fill(buffer, 0, length, (byte) 0);
    buffer = new byte[128];
    length = 0;
    lineLength = 0;
    literalLeft = 0;
    dropping = false;
    literalTooLarge = false;
    tailLength = 0;
  }

  /** Octets of an unfinished request held now (never more than the bounds allow). */
  public int buffered() {
    return length;
  }

  private void remember(byte b) {
    if (tailLength == tail.length) {
      System.arraycopy(tail, 1, tail, 0, tail.length - 1);
      tailLength--;
    }
    tail[tailLength++] = b;
  }

  private void append(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void append(byte[] bytes, int offset, int count) {
    ensure(count);
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      byte[] grown = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
      Arrays.fill(buffer, (byte) 0);
      buffer = grown;
    }
  }
}
