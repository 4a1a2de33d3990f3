package dev.mailvault.smtp.codec;

/** What the {@link SmtpReader} makes of the bytes a client sends. */
public sealed interface SmtpInput {

  /** A well-formed command line. */
  record Command(SmtpCommand command) implements SmtpInput {}

  /** A command line that is refused as it stands (syntax, length, bare line end). */
  record Malformed(SmtpReply reply) implements SmtpInput {}

  /**
   * The end of DATA, CRLF.CRLF, was read.
   *
   * @param content the message, dot-unstuffed, or null when it was refused ({@code problem})
   * @param problem why the message cannot be taken, or {@link DataProblem#NONE}
   */
  record Message(byte[] content, DataProblem problem) implements SmtpInput {}

  /**
   * A BDAT chunk was read in full.
   *
   * @param content the chunk's octets, or null when the message grew beyond the size limit
   * @param size the chunk size the client announced (every octet was consumed)
   * @param last whether the BDAT command said LAST
   * @param busy whether the node's in-flight budget could not take the chunk (content is null)
   */
  record Chunk(byte[] content, long size, boolean last, boolean busy) implements SmtpInput {}

  /**
   * The client's answer to a 334 challenge (RFC 4954 §4): one line, read as it is, never parsed as
   * a command.
   *
   * @param line the line without its CRLF, or null when it was too long or did not end with CRLF
   */
  record SaslResponse(byte[] line) implements SmtpInput {

    @Override
    public String toString() {
      // It holds a password: never in a log.
      return "SaslResponse";
    }
  }

  /** Why the data of a message cannot be accepted. */
  enum DataProblem {
    NONE,
    /** A CR or LF not part of CRLF (smuggling defence) with the REJECT policy. */
    BARE_LINE_END,
    /** A line longer than the text line limit. */
    LINE_TOO_LONG,
    /** More octets than the message size limit. */
    TOO_BIG,
    /** The node's in-flight budget could not take it, or it could not be kept: 452 4.3.1. */
    BUSY
  }
}
