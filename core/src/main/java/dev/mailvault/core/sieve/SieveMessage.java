package dev.mailvault.core.sieve;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;

/**
 * The message a script looks at, in memory. {@link #of} reads raw bytes with core's MIME parser;
 * tests may implement it directly. An instance belongs to one message and is read by one evaluation
 * at a time (it caches what it decoded); the script itself is shared.
 */
public interface SieveMessage {

  /** The message {@code raw} (kept unchanged by the caller) that arrived with {@code envelope}. */
  static SieveMessage of(byte[] raw, SieveEnvelope envelope) {
    return new MimeSieveMessage(raw, envelope);
  }

  SieveEnvelope envelope();

  /** The size in octets ({@code size} test, RFC 5228 §5.9). */
  long size();

  /** The decoded values of the top-level header fields named {@code name}, in order (§5.7). */
  List<String> headers(String name);

  /**
   * The addresses ({@code local@domain}) of the top-level fields named {@code name}, one list per
   * field in order (§5.1).
   */
  List<List<String>> addresses(String name);

  /** A date header value read with its written zone, or null when it is not a date (RFC 5260). */
  OffsetDateTime parseDate(String value);

  /** The body as received, transfer encoding kept ({@code body :raw}, RFC 5173 §5.1). */
  String rawBody();

  /** The leaf body parts, decoded ({@code body :content}/{@code :text}, RFC 5173 §5.2). */
  List<BodyPart> bodyParts();

  /**
   * The body parts whose media type {@code wanted} accepts, decoded; an implementation may skip
   * decoding the others (a large attachment when a script looks at the text).
   */
  default List<BodyPart> bodyParts(Predicate<String> wanted) {
    return bodyParts().stream().filter(part -> wanted.test(part.mediaType())).toList();
  }

  /**
   * One decoded leaf part.
   *
   * @param mediaType type and subtype, lower-case ({@code text/plain})
   * @param text the decoded content
   */
  record BodyPart(String mediaType, String text) {}
}
