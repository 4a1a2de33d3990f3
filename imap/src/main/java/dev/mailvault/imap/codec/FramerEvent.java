package dev.mailvault.imap.codec;

/** What the {@link CommandFramer} reports as bytes arrive. */
public sealed interface FramerEvent {

  /**
   * One complete command: its lines and literals exactly as sent (literal markers and the CRLFs
   * after them included), without the final CRLF.
   */
  record Frame(byte[] bytes) implements FramerEvent {}

  /**
   * A synchronising literal of {@code size} bytes was announced and fits the limits: the handler
   * sends {@code + } (RFC 9051 §7.5) before the client sends it.
   */
  record ContinuationRequest(long size) implements FramerEvent {}

  /**
   * The input broke a limit or the literal syntax. The framer has already resynchronised (it
   * discards the rest of that command), so the connection stays usable, unless {@link
   * Kind#closesConnection()}: then the framer reads nothing more.
   *
   * @param tag the command's tag when it was read, else {@code null} (answer {@code * BAD})
   */
  record FrameError(String tag, Kind kind) implements FramerEvent {}

  /** Why a command was refused. */
  enum Kind {
    /** The command text is longer than the line limit: answer BAD. */
    LINE_TOO_LONG,
    /** A literal is larger than APPENDLIMIT: answer {@code NO [TOOBIG]} (RFC 7889). */
    LITERAL_TOO_BIG,
    /** The literals of one command together exceed the command limit: {@code NO [TOOBIG]}. */
    COMMAND_TOO_BIG,
    /** A literal size that is not a number (or overflows): answer BAD. */
    BAD_LITERAL,
    /**
     * A non-synchronising literal over a limit: its bytes are already on their way and are not
     * commands, so answer {@code BAD [TOOBIG]} and close the connection (RFC 7888 §4) rather than
     * read them.
     */
    NON_SYNC_TOO_BIG,
    /**
     * The node's in-flight budget cannot take the literal now, or it could not be kept: answer
     * {@code NO [LIMIT]} (RFC 5530 §3), a temporary failure (ADR 0166).
     */
    BUSY;

    /** Whether the connection must close after the answer. */
    public boolean closesConnection() {
      return this == NON_SYNC_TOO_BIG;
    }
  }
}
