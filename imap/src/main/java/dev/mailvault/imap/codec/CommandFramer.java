package dev.mailvault.imap.codec;

import dev.mailvault.imap.codec.FramerEvent.ContinuationRequest;
import dev.mailvault.imap.codec.FramerEvent.Frame;
import dev.mailvault.imap.codec.FramerEvent.FrameError;
import dev.mailvault.imap.codec.FramerEvent.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a stream of bytes, delivered in chunks of any size, into whole IMAP commands: a line plus
 * the literals it announces (RFC 9051 §4.3 {@code {N}}, RFC 7888 {@code {N+}} and {@code {N-}}, RFC
 * 3516 {@code ~{N}}). Every size is checked against {@link FramerLimits} before a byte is buffered;
 * input over a limit becomes a {@link FrameError} and the rest of that command is discarded, so the
 * connection stays usable. Not thread-safe: one per connection, fed by its event loop.
 */
public final class CommandFramer {

  private enum State {
    LINE,
    LITERAL,
    DISCARD_LINE,
    DISCARD_LITERAL
  }

  private static final int TAIL = 32;

  private final FramerLimits limits;
  private State state = State.LINE;
  private byte[] buffer = new byte[256];
  private int length;
  private int segmentStart;
  private int lineBytes;
  private long literalBytes;
  private long remaining;
  private final byte[] discardTail = new byte[TAIL];
  private int discardTailLength;

  public CommandFramer(FramerLimits limits) {
    this.limits = limits;
  }

  /** Feeds {@code chunk} whole and returns what it completed, in order. */
  public List<FramerEvent> feed(byte[] chunk) {
    List<FramerEvent> events = new ArrayList<>();
    feed(chunk, 0, chunk.length, events::add);
    return events;
  }

  /**
   * Feeds {@code len} bytes of {@code chunk} from {@code off}, reporting each event to {@code out}.
   */
  public void feed(byte[] chunk, int off, int len, Consumer<FramerEvent> out) {
    int i = off;
    int end = off + len;
    while (i < end) {
      switch (state) {
        case LINE -> i = readLine(chunk, i, end, out);
        case LITERAL -> {
          int n = (int) Math.min(remaining, end - i);
          // Grow with the bytes that arrive, not with the size announced: an announced literal
          // that never comes must not hold memory.
          ensureCapacity(length + (long) n, length + remaining);
          System.arraycopy(chunk, i, buffer, length, n);
          length += n;
          remaining -= n;
          i += n;
          if (remaining == 0) {
            segmentStart = length;
            state = State.LINE;
          }
        }
        case DISCARD_LITERAL -> {
          int n = (int) Math.min(remaining, end - i);
          remaining -= n;
          i += n;
          if (remaining == 0) {
            discardTailLength = 0;
            state = State.DISCARD_LINE;
          }
        }
        case DISCARD_LINE -> i = discardLine(chunk, i, end);
      }
    }
  }

  private int readLine(byte[] chunk, int i, int end, Consumer<FramerEvent> out) {
    while (i < end) {
      byte b = chunk[i++];
      if (b == '\n') {
        endOfLine(out);
        return i;
      }
      if (lineBytes >= limits.maxLineLength()) {
        fail(Kind.LINE_TOO_LONG, out);
        // Keep the end of the line read so far: with the rest, it may announce a literal to skip.
        discardTailLength = Math.min(TAIL - 1, length - segmentStart);
        System.arraycopy(buffer, length - discardTailLength, discardTail, 0, discardTailLength);
        reset();
        // Re-read the byte that broke the limit while discarding, so it joins the tail.
        i--;
        state = State.DISCARD_LINE;
        return i;
      }
      append(b);
      lineBytes++;
    }
    return i;
  }

  private void endOfLine(Consumer<FramerEvent> out) {
    int lineEnd = length > segmentStart && buffer[length - 1] == '\r' ? length - 1 : length;
    LiteralMarker marker = LiteralMarker.at(buffer, segmentStart, lineEnd);
    if (marker == null) {
      out.accept(new Frame(Arrays.copyOf(buffer, lineEnd)));
      reset();
      return;
    }
    if (marker.size() < 0) {
      fail(Kind.BAD_LITERAL, out);
      reset();
      return;
    }
    Kind refusal = null;
    if (marker.size() > limits.maxLiteralSize()) {
      refusal = Kind.LITERAL_TOO_BIG;
    } else if (literalBytes + marker.size() > limits.maxCommandSize()) {
      refusal = Kind.COMMAND_TOO_BIG;
    }
    if (refusal != null) {
      fail(refusal, out);
      reset();
      if (!marker.synchronising()) {
        // RFC 7888 §4: the client sends a non-synchronising literal unasked; skip it and the rest
        // of its command so the next command starts on a clean line.
        remaining = marker.size();
        state = marker.size() == 0 ? State.DISCARD_LINE : State.DISCARD_LITERAL;
        discardTailLength = 0;
      }
      return;
    }
    append((byte) '\n');
    literalBytes += marker.size();
    remaining = marker.size();
    if (marker.synchronising()) {
      out.accept(new ContinuationRequest(marker.size()));
    }
    segmentStart = length;
    state = remaining == 0 ? State.LINE : State.LITERAL;
  }

  private int discardLine(byte[] chunk, int i, int end) {
    while (i < end) {
      byte b = chunk[i++];
      if (b == '\n') {
        int tailEnd =
            discardTailLength > 0 && discardTail[discardTailLength - 1] == '\r'
                ? discardTailLength - 1
                : discardTailLength;
        LiteralMarker marker = LiteralMarker.at(discardTail, 0, tailEnd);
        discardTailLength = 0;
        if (marker != null && !marker.synchronising() && marker.size() > 0) {
          remaining = marker.size();
          state = State.DISCARD_LITERAL;
        } else if (marker != null && !marker.synchronising() && marker.size() == 0) {
          state = State.DISCARD_LINE;
        } else {
          state = State.LINE;
        }
        return i;
      }
      if (discardTailLength == TAIL) {
        System.arraycopy(discardTail, 1, discardTail, 0, TAIL - 1);
        discardTailLength--;
      }
      discardTail[discardTailLength++] = b;
    }
    return i;
  }

  private void fail(Kind kind, Consumer<FramerEvent> out) {
    out.accept(new FrameError(tagOf(buffer, Math.min(length, lineBytes)), kind));
  }

  private void reset() {
    length = 0;
    segmentStart = 0;
    lineBytes = 0;
    literalBytes = 0;
    state = State.LINE;
    if (buffer.length > 4096) {
      buffer = new byte[256];
    }
  }

  private void append(byte b) {
    // The rest of the line budget, plus the LF kept after a literal marker.
    ensureCapacity(length + 1L, length + (long) (limits.maxLineLength() - lineBytes) + 2);
    buffer[length++] = b;
  }

  /** Doubles the buffer to hold {@code needed} bytes, never beyond {@code cap}. */
  private void ensureCapacity(long needed, long cap) {
    if (needed > buffer.length) {
      long grown = Math.max(needed, Math.min(buffer.length * 2L, cap));
      buffer = Arrays.copyOf(buffer, (int) grown);
    }
  }

  /** The bytes reserved for the command being read; lets tests check the allocation bound. */
  int bufferCapacity() {
    return buffer.length;
  }

  /** The tag at the start of a command, or {@code null} when there is no valid one. */
  static String tagOf(byte[] bytes, int length) {
    int end = 0;
    while (end < length && bytes[end] != ' ') {
      if (!ImapChars.isTagChar(bytes[end])) {
        return null;
      }
      end++;
    }
    return end == 0 || end == length
        ? null
        : new String(bytes, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
