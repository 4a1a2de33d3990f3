package dev.mailvault.imap.codec;

import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.core.spill.SpillingBuffer;
import dev.mailvault.imap.codec.FramerEvent.ContinuationRequest;
import dev.mailvault.imap.codec.FramerEvent.Frame;
import dev.mailvault.imap.codec.FramerEvent.FrameError;
import dev.mailvault.imap.codec.FramerEvent.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cuts a stream of bytes, delivered in chunks of any size, into whole IMAP commands: a line plus
 * the literals it announces (RFC 9051 §4.3 {@code {N}}, RFC 7888 {@code {N+}} and {@code {N-}}, RFC
 * 3516 {@code ~{N}}). Every size is checked against {@link FramerLimits} before a byte is buffered;
 * input over a limit becomes a {@link FrameError} and the rest of that command is discarded, so the
 * connection stays usable (except after an oversized non-synchronising literal, RFC 7888 §4).
 *
 * <p>The limits are asked for again at the first literal of each command, so that they can be
 * smaller before login (ADR 0167). Literal bytes, and the command text around them, go to a {@link
 * SpillingBuffer} that takes the announced size from the node's budget before the {@code +} is sent
 * and keeps a large literal sealed on disk, not on the heap, until the command is complete (ADR
 * 0165, 0166). Not thread-safe: one per connection, fed by its event loop; {@link #close()} when
 * the connection ends.
 */
public final class CommandFramer {

  private enum State {
    LINE,
    LITERAL,
    DISCARD_LINE,
    DISCARD_LITERAL,
    /** After a fatal error: nothing more is read. */
    CLOSED
  }

  private static final int TAIL = 32;

  private final Supplier<FramerLimits> limitsNow;
  private final SpillArea spillArea;
  private FramerLimits limits;
  private State state = State.LINE;
  private byte[] buffer = new byte[256];
  private int length;
  private int segmentStart;
  private int lineBytes;
  private long literalBytes;
  private long remaining;
  private final byte[] discardTail = new byte[TAIL];
  private int discardTailLength;

  /** The literals of the command being read, with the text before them; null until one comes. */
  private SpillingBuffer literals;

  /** How much of {@link #buffer} is already in {@link #literals}. */
  private int flushed;

  /** Fixed limits, every literal in memory, no budget: for tests and the fuzzer. */
  public CommandFramer(FramerLimits limits) {
    this(() -> limits, SpillArea.inMemory());
  }

  /**
   * @param limits asked at the first literal of each command; the line limit is read once
   * @param spillArea where literals are kept, and the budget they are taken from
   */
  public CommandFramer(Supplier<FramerLimits> limits, SpillArea spillArea) {
    this.limitsNow = limits;
    this.spillArea = spillArea;
    this.limits = limits.get();
  }

  /** Returns what the command being read holds to the budget; the framer reads nothing more. */
  public void close() {
    reset();
    state = State.CLOSED;
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
          // The spilling buffer grows with the bytes that arrive, not with the size announced: an
          // announced literal that never comes holds no memory.
          if (!literals.write(chunk, i, n)) {
            // The spill file could not be written: refuse the command, skip the rest of it.
            fail(Kind.BUSY, out);
            reset();
            remaining -= n;
            i += n;
            state = remaining == 0 ? State.DISCARD_LINE : State.DISCARD_LITERAL;
            discardTailLength = 0;
            break;
          }
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
        case CLOSED -> i = end;
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
      if (literals == null) {
        out.accept(new Frame(Arrays.copyOf(buffer, lineEnd)));
      } else if (literals.write(buffer, flushed, lineEnd - flushed)) {
        out.accept(new Frame(literals.toByteArray()));
      } else {
        fail(Kind.BUSY, out);
      }
      reset();
      return;
    }
    if (marker.size() < 0) {
      fail(Kind.BAD_LITERAL, out);
      reset();
      return;
    }
    if (literals == null) {
      // The first literal of a command: it is read under the limits of this moment (ADR 0167).
      limits = limitsNow.get();
    }
    Kind refusal = null;
    if (marker.size() > limits.maxLiteralSize()) {
      refusal = Kind.LITERAL_TOO_BIG;
    } else if (literalBytes + marker.size() > limits.maxCommandSize()) {
      refusal = Kind.COMMAND_TOO_BIG;
    }
    if (refusal != null && !marker.synchronising()) {
      // RFC 7888 §4: the client sends a non-synchronising literal unasked. Its bytes are no
      // commands, and skipping up to 4 GiB of them would be work done for an attacker: answer
      // BAD [TOOBIG] and read nothing more.
      fail(Kind.NON_SYNC_TOO_BIG, out);
      close();
      return;
    }
    if (refusal != null) {
      fail(refusal, out);
      reset();
      return;
    }
    append((byte) '\n');
    if (literals == null) {
      literals = spillArea.newBuffer();
    }
    // The budget is asked for the whole literal now, before the + that invites it (ADR 0166).
    if (!literals.write(buffer, flushed, length - flushed) || !literals.reserve(marker.size())) {
      fail(Kind.BUSY, out);
      reset();
      if (!marker.synchronising()) {
        // Sent unasked but within the limits: skip it so the next command starts on a clean line.
        remaining = marker.size();
        state = marker.size() == 0 ? State.DISCARD_LINE : State.DISCARD_LITERAL;
        discardTailLength = 0;
      }
      return;
    }
    flushed = length;
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
    if (literals != null) {
      literals.close();
      literals = null;
    }
    flushed = 0;
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
