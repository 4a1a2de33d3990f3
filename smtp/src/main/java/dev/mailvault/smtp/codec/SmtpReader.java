package dev.mailvault.smtp.codec;

import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.core.spill.SpillingBuffer;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.codec.SmtpInput.DataProblem;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The byte-level state machine that turns what a client sends into {@link SmtpInput}s: command
 * lines (parsed), DATA read to its end, BDAT chunks counted exactly. No I/O: the connection feeds
 * it and acts on what comes out. Not thread-safe: one connection's event loop drives it.
 *
 * <p>After a DATA, STARTTLS, AUTH or QUIT command the reader pauses, keeping what follows unread,
 * until the session says how to read on ({@link #startData}, {@link #readSaslResponse}, {@link
 * #resumeCommands}) or that it must be dropped ({@link #discardPending}, RFC 3207 §4.2). A BDAT
 * chunk follows its command at once (RFC 3030 §2), so the reader counts it off without waiting for
 * the session.
 *
 * <p>SMTP smuggling: the end of DATA is only CRLF "." CRLF, where the first CRLF is a real one (RFC
 * 5321 §4.1.1.4). A CR or LF that is not part of a CRLF pair never ends a line for that purpose;
 * with {@link LineEndPolicy#REJECT} it makes the whole message refused after its end.
 *
 * <p>Message octets go to a {@link SpillingBuffer}: past its threshold they are sealed on disk, not
 * held on the heap, until the message is complete, and each takes its share of the node's budget
 * first (ADR 0165, 0166). {@link #close()} when the connection ends.
 */
public final class SmtpReader {

  private enum Mode {
    COMMAND,
    DISCARD_LINE,
    PAUSED,
    DATA,
    CHUNK
  }

  private enum DataState {
    LINE_START,
    DOT,
    DOT_CR,
    IN_LINE,
    CR
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] NOTHING = new byte[0];

  /** DATA octets are gathered here and written to the spilling buffer in runs, not one by one. */
  private static final int RUN = 8192;

  private final ReaderLimits limits;
  private final SpillArea spillArea;
  private Mode mode = Mode.COMMAND;

  private final byte[] line;
  private int lineLength;

  private byte[] pending = NOTHING;

  /** The line being read answers a 334 challenge (RFC 4954 §4): it is no command. */
  private boolean saslResponse;

  private DataState state;
  private boolean realLineStart;
  private int textLine;
  private SpillingBuffer message;
  private final byte[] run = new byte[RUN];
  private int runLength;
  private long messageLength;
  private DataProblem problem;

  private SpillingBuffer chunk;
  private boolean chunkBusy;
  private long chunkRemaining;
  private long chunkSize;
  private boolean chunkLast;
  private long chunkedTotal;

  /** Everything in memory, no budget: for tests and the fuzzer. */
  public SmtpReader(ReaderLimits limits) {
    this(limits, SpillArea.inMemory());
  }

  public SmtpReader(ReaderLimits limits, SpillArea spillArea) {
    this.limits = limits;
    this.spillArea = spillArea;
    this.line = new byte[limits.maxCommandLine() - 1];
  }

  /** Returns what an unfinished message holds to the budget and deletes its spill file. */
  public void close() {
    if (message != null) {
      message.close();
      message = null;
    }
    if (chunk != null) {
      chunk.close();
      chunk = null;
    }
  }

  /** Reads {@code length} bytes; when paused they are kept for later. */
  public void feed(byte[] bytes, int offset, int length, Consumer<SmtpInput> sink) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      switch (mode) {
        case PAUSED:
          keep(bytes, i, end);
          return;
        case COMMAND:
        case DISCARD_LINE:
          i = commandBytes(bytes, i, end, sink);
          break;
        case DATA:
          i = dataBytes(bytes, i, end, sink);
          break;
        case CHUNK:
          i = chunkBytes(bytes, i, end, sink);
          break;
        default:
          throw new IllegalStateException();
      }
    }
  }

  /** Whether the reader waits for the session after DATA, STARTTLS or QUIT. */
  public boolean paused() {
    return mode == Mode.PAUSED;
  }

  /** Whether message octets are being read (DATA or a BDAT chunk): the data timeout applies. */
  public boolean readingMessage() {
    return mode == Mode.DATA || mode == Mode.CHUNK;
  }

  /** After 354: read the message (RFC 5321 §4.1.1.4), starting with what was kept. */
  public void startData(Consumer<SmtpInput> sink) {
    requirePaused();
    mode = Mode.DATA;
    state = DataState.LINE_START;
    // The CRLF of the DATA command is the first CRLF of an immediate end of data.
    realLineStart = true;
    textLine = 0;
    message = spillArea.newBuffer();
    runLength = 0;
    messageLength = 0;
    problem = DataProblem.NONE;
    replayPending(sink);
  }

  /**
   * After a 334 challenge: the next line is the client's response (RFC 4954 §4), held to the
   * command line limit; the reader pauses again after it.
   */
  public void readSaslResponse(Consumer<SmtpInput> sink) {
    requirePaused();
    mode = Mode.COMMAND;
    saslResponse = true;
    replayPending(sink);
  }

  /** After a refused DATA or STARTTLS: read commands again, starting with what was kept. */
  public void resumeCommands(Consumer<SmtpInput> sink) {
    requirePaused();
    mode = Mode.COMMAND;
    replayPending(sink);
  }

  /**
   * Drops what was kept and reads commands again: after STARTTLS, nothing sent in the clear before
   * the handshake may be obeyed (RFC 3207 §4.2).
   */
  public int discardPending() {
    requirePaused();
    int dropped = pending.length;
    pending = NOTHING;
    mode = Mode.COMMAND;
    return dropped;
  }

  private void requirePaused() {
    if (mode != Mode.PAUSED) {
      throw new IllegalStateException("the reader is not paused");
    }
  }

  private void keep(byte[] bytes, int from, int to) {
    byte[] more = Arrays.copyOf(pending, pending.length + to - from);
    System.arraycopy(bytes, from, more, pending.length, to - from);
    pending = more;
  }

  private void replayPending(Consumer<SmtpInput> sink) {
    byte[] kept = pending;
    pending = NOTHING;
    feed(kept, 0, kept.length, sink);
  }

  // ------------------------------------------------------------------ commands

  private int commandBytes(byte[] bytes, int i, int end, Consumer<SmtpInput> sink) {
    while (i < end) {
      byte b = bytes[i++];
      if (b == LF) {
        lineEnded(sink);
        return i;
      }
      if (mode == Mode.COMMAND) {
        if (lineLength == line.length) {
          // RFC 5321 §4.5.3.1.4: 512 octets with the CRLF; read on to the end of the line.
          mode = Mode.DISCARD_LINE;
        } else {
          line[lineLength++] = b;
        }
      }
    }
    return i;
  }

  private void lineEnded(Consumer<SmtpInput> sink) {
    boolean tooLong = mode == Mode.DISCARD_LINE;
    boolean crlf = lineLength > 0 && line[lineLength - 1] == CR;
    byte[] text = Arrays.copyOf(line, crlf ? lineLength - 1 : lineLength);
    // An AUTH line or a SASL response holds a password: it does not linger in the buffer.
    Arrays.fill(line, 0, lineLength, (byte) 0);
    lineLength = 0;
    mode = Mode.COMMAND;
    if (saslResponse) {
      saslResponse = false;
      mode = Mode.PAUSED;
      sink.accept(new SmtpInput.SaslResponse(tooLong || !crlf ? null : text));
      return;
    }
    if (tooLong) {
      // RFC 5321 §4.5.3.1.10: "500 Line too long".
      sink.accept(new SmtpInput.Malformed(SmtpReply.of(500, "5.5.2", "Line too long")));
      return;
    }
    if (!crlf) {
      sink.accept(new SmtpInput.Malformed(SmtpReply.of(500, "5.5.2", "Line must end with CRLF")));
      return;
    }
    SmtpCommand command;
    try {
      command = CommandParser.parse(text);
    } catch (SmtpSyntaxException e) {
      sink.accept(new SmtpInput.Malformed(e.reply()));
      return;
    }
    if (command instanceof SmtpCommand.Bdat bdat) {
      startChunk(bdat);
    } else {
      chunkedTotal = 0;
      if (command instanceof SmtpCommand.Data
          || command instanceof SmtpCommand.StartTls
          || command instanceof SmtpCommand.Auth
          || command instanceof SmtpCommand.Quit) {
        mode = Mode.PAUSED;
      }
    }
    sink.accept(new SmtpInput.Command(command));
    if (mode == Mode.CHUNK && chunkRemaining == 0) {
      endChunk(sink);
    }
  }

  // ------------------------------------------------------------------ BDAT

  private void startChunk(SmtpCommand.Bdat bdat) {
    mode = Mode.CHUNK;
    chunkSize = bdat.size();
    chunkRemaining = bdat.size();
    chunkLast = bdat.last();
    chunkBusy = false;
    long total = chunkedTotal + bdat.size();
    // Count exactly, but keep only what the size limit allows (RFC 3030 §2, RFC 1870), and only
    // what the budget can take now (ADR 0166); the buffer grows with the octets that arrive.
    chunk = total <= limits.maxMessageSize() ? spillArea.newBuffer() : null;
    if (chunk != null && !chunk.reserve(bdat.size())) {
      dropChunk();
    }
    chunkedTotal = Math.min(total, limits.maxMessageSize() + 1);
  }

  private int chunkBytes(byte[] bytes, int i, int end, Consumer<SmtpInput> sink) {
    int take = (int) Math.min(chunkRemaining, end - i);
    if (chunk != null && !chunk.write(bytes, i, take)) {
      dropChunk();
    }
    chunkRemaining -= take;
    if (chunkRemaining == 0) {
      endChunk(sink);
    }
    return i + take;
  }

  private void dropChunk() {
    chunk.close();
    chunk = null;
    chunkBusy = true;
  }

  private void endChunk(Consumer<SmtpInput> sink) {
    mode = Mode.COMMAND;
    byte[] content = null;
    if (chunk != null) {
      content = chunk.toByteArray();
      chunk.close();
      chunk = null;
    }
    if (chunkLast) {
      chunkedTotal = 0;
    }
    sink.accept(new SmtpInput.Chunk(content, chunkSize, chunkLast, chunkBusy));
  }

  // ------------------------------------------------------------------ DATA

  private int dataBytes(byte[] bytes, int i, int end, Consumer<SmtpInput> sink) {
    while (i < end) {
      if (dataByte(bytes[i++])) {
        endData(sink);
        return i;
      }
    }
    return i;
  }

  /** One octet of DATA; true when it completed CRLF.CRLF. */
  private boolean dataByte(byte b) {
    switch (state) {
      case LINE_START:
        textLine = 0;
        if (b == '.') {
          state = DataState.DOT;
          textLine = 1;
          return false;
        }
        state = DataState.IN_LINE;
        return dataByte(b);
      case DOT:
        if (b == CR) {
          state = DataState.DOT_CR;
        } else if (b == LF) {
          store((byte) '.');
          bareLineEnd();
          lineEnd(false);
        } else {
          // RFC 5321 §4.5.2: a leading period on a line with more on it is removed.
          state = DataState.IN_LINE;
          return dataByte(b);
        }
        return false;
      case DOT_CR:
        if (b == LF) {
          if (realLineStart) {
            return true;
          }
          // ".CRLF" after a bare line end is text, never the end (SMTP smuggling).
          store((byte) '.');
          store(CR);
          store(LF);
          lineEnd(true);
          return false;
        }
        store((byte) '.');
        bareLineEnd();
        lineEnd(false);
        return dataByte(b);
      case IN_LINE:
        if (b == CR) {
          state = DataState.CR;
        } else if (b == LF) {
          bareLineEnd();
          lineEnd(false);
        } else {
          store(b);
          textLine++;
          if (textLine + 2 > limits.maxTextLine()) {
            // RFC 5321 §4.5.3.1.6: 1000 octets with the CRLF.
            problem(DataProblem.LINE_TOO_LONG);
          }
        }
        return false;
      case CR:
        if (b == LF) {
          store(CR);
          store(LF);
          lineEnd(true);
          return false;
        }
        bareLineEnd();
        lineEnd(false);
        return dataByte(b);
      default:
        throw new IllegalStateException();
    }
  }

  private void lineEnd(boolean real) {
    realLineStart = real;
    state = DataState.LINE_START;
  }

  /** A CR or LF alone: refused, or written as CRLF, per the policy. */
  private void bareLineEnd() {
    if (limits.lineEnds() == LineEndPolicy.REJECT) {
      problem(DataProblem.BARE_LINE_END);
    } else {
      store(CR);
      store(LF);
    }
  }

  private void problem(DataProblem found) {
    if (problem == DataProblem.NONE) {
      problem = found;
      message.close();
      message = null;
    }
  }

  private void store(byte b) {
    if (message == null) {
      return;
    }
    if (messageLength >= limits.maxMessageSize()) {
      problem(DataProblem.TOO_BIG);
      return;
    }
    run[runLength++] = b;
    messageLength++;
    if (runLength == RUN) {
      flushRun();
    }
  }

  private void flushRun() {
    if (message != null && !message.write(run, 0, runLength)) {
      problem(DataProblem.BUSY);
    }
    runLength = 0;
  }

  private void endData(Consumer<SmtpInput> sink) {
    flushRun();
    byte[] content = null;
    if (message != null) {
      content = message.toByteArray();
      message.close();
      message = null;
    }
    DataProblem found = problem;
    mode = Mode.COMMAND;
    sink.accept(new SmtpInput.Message(content, found));
  }
}
