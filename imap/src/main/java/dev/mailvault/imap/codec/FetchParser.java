package dev.mailvault.imap.codec;

import dev.mailvault.imap.codec.FetchItem.Partial;
import dev.mailvault.imap.codec.FetchItem.Section;
import dev.mailvault.imap.codec.FetchItem.SectionText;
import dev.mailvault.imap.codec.FetchItem.Simple;
import dev.mailvault.imap.codec.ImapCommand.Fetch;
import java.util.ArrayList;
import java.util.List;

/** FETCH arguments (RFC 9051 §6.4.5, RFC 3516 §4.1, RFC 7162 §3.1.4.1). */
final class FetchParser {

  private FetchParser() {}

  /** After {@code FETCH}: SP sequence-set SP (macro / fetch-att / list) [SP modifiers]. */
  static Fetch parse(ImapReader in, String tag, boolean uid) throws ParseException {
    in.sp();
    SequenceSet set = in.sequenceSet();
    in.sp();
    List<FetchItem> items = new ArrayList<>();
    if (in.accept('(')) {
      do {
        items.add(item(in));
      } while (in.accept(' '));
      in.expect(')');
    } else if (in.acceptWord("ALL")) {
      // RFC 9051 §6.4.5: macros.
      items.addAll(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE));
    } else if (in.acceptWord("FAST")) {
      items.addAll(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE));
    } else if (in.acceptWord("FULL")) {
      items.addAll(
          List.of(
              Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY));
    } else {
      items.add(item(in));
    }
    long changedSince = -1;
    boolean vanished = false;
    if (in.accept(' ')) {
      in.expect('(');
      do {
        String modifier = in.atom();
        switch (modifier) {
          case "CHANGEDSINCE" -> {
            in.sp();
            changedSince = in.number64();
          }
          case "VANISHED" -> vanished = true;
          default -> throw in.error("Unknown FETCH modifier " + modifier);
        }
      } while (in.accept(' '));
      in.expect(')');
    }
    in.end();
    if (vanished && (!uid || changedSince < 0)) {
      // RFC 7162 §3.2.6: VANISHED only with UID FETCH and CHANGEDSINCE.
      throw in.error("VANISHED needs UID FETCH with CHANGEDSINCE");
    }
    return new Fetch(tag, uid, set, List.copyOf(items), changedSince, vanished);
  }

  static FetchItem item(ImapReader in) throws ParseException {
    String name = in.atomBefore("[<");
    return switch (name) {
      case "FLAGS" -> Simple.FLAGS;
      case "INTERNALDATE" -> Simple.INTERNALDATE;
      case "RFC822.SIZE" -> Simple.RFC822_SIZE;
      case "ENVELOPE" -> Simple.ENVELOPE;
      case "BODYSTRUCTURE" -> Simple.BODYSTRUCTURE;
      case "UID" -> Simple.UID;
      case "RFC822" -> Simple.RFC822;
      case "RFC822.HEADER" -> Simple.RFC822_HEADER;
      case "RFC822.TEXT" -> Simple.RFC822_TEXT;
      case "MODSEQ" -> Simple.MODSEQ;
      case "EMAILID" -> Simple.EMAILID;
      case "THREADID" -> Simple.THREADID;
      case "SAVEDATE" -> Simple.SAVEDATE;
      case "PREVIEW" -> new FetchItem.Preview(lazy(in));
      case "BODY" ->
          in.peek() == '['
              ? new FetchItem.BodySection(section(in), false, partial(in))
              : Simple.BODY;
      case "BODY.PEEK" -> new FetchItem.BodySection(section(in), true, partial(in));
      case "BINARY" -> new FetchItem.Binary(binarySection(in), false, partial(in));
      case "BINARY.PEEK" -> new FetchItem.Binary(binarySection(in), true, partial(in));
      case "BINARY.SIZE" -> new FetchItem.BinarySize(binarySection(in));
      default -> throw in.error("Unknown FETCH item " + name);
    };
  }

  /**
   * RFC 8970 §3: PREVIEW [SP "(" preview-mod *(SP preview-mod) ")"], preview-mod = "LAZY". A
   * following {@code (} that does not start with LAZY is not PREVIEW's (the FETCH modifiers).
   */
  private static boolean lazy(ImapReader in) throws ParseException {
    int start = in.position();
    if (!in.accept(' ') || !in.accept('(') || !in.acceptWord("LAZY")) {
      in.reset(start);
      return false;
    }
    while (in.accept(' ')) {
      if (!in.acceptWord("LAZY")) {
        throw in.error("Unknown PREVIEW modifier");
      }
    }
    in.expect(')');
    return true;
  }

  /** section = "[" [section-spec] "]". */
  private static Section section(ImapReader in) throws ParseException {
    in.expect('[');
    if (in.accept(']')) {
      return Section.WHOLE;
    }
    List<Integer> part = new ArrayList<>();
    SectionText text = SectionText.NONE;
    List<String> fields = List.of();
    if (isDigit(in.peek())) {
      // section-part ["." section-text]: after a dot, a digit continues the part path.
      while (true) {
        part.add(partNumber(in));
        if (!in.accept('.')) {
          in.expect(']');
          return new Section(List.copyOf(part), SectionText.NONE, List.of());
        }
        if (!isDigit(in.peek())) {
          break;
        }
      }
    }
    String what = in.atom();
    switch (what) {
      case "HEADER" -> text = SectionText.HEADER;
      case "TEXT" -> text = SectionText.TEXT;
      case "MIME" -> {
        if (part.isEmpty()) {
          // RFC 9051 §6.4.5: MIME needs a part number.
          throw in.error("MIME needs a part number");
        }
        text = SectionText.MIME;
      }
      case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
        text = what.endsWith(".NOT") ? SectionText.HEADER_FIELDS_NOT : SectionText.HEADER_FIELDS;
        in.sp();
        fields = headerList(in);
      }
      default -> throw in.error("Unknown section " + what);
    }
    in.expect(']');
    return new Section(List.copyOf(part), text, fields);
  }

  private static List<Integer> binarySection(ImapReader in) throws ParseException {
    in.expect('[');
    List<Integer> part = in.peek() == ']' ? List.of() : partPath(in);
    in.expect(']');
    return List.copyOf(part);
  }

  private static List<Integer> partPath(ImapReader in) throws ParseException {
    List<Integer> part = new ArrayList<>();
    do {
      part.add(partNumber(in));
    } while (in.accept('.'));
    return part;
  }

  private static int partNumber(ImapReader in) throws ParseException {
    long number = in.nzNumber();
    if (number > Integer.MAX_VALUE) {
      throw in.error("Part number too large");
    }
    return (int) number;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static List<String> headerList(ImapReader in) throws ParseException {
    in.expect('(');
    List<String> names = new ArrayList<>();
    do {
      names.add(in.astring().toUpperCase(java.util.Locale.ROOT));
    } while (in.accept(' '));
    in.expect(')');
    return List.copyOf(names);
  }

  /** partial = "<" number64 "." nz-number64 ">" (RFC 9051 §9), or none. */
  private static Partial partial(ImapReader in) throws ParseException {
    if (!in.accept('<')) {
      return null;
    }
    long offset = in.number64();
    in.expect('.');
    long length = in.number64();
    if (length == 0) {
      throw in.error("A partial length must not be zero");
    }
    in.expect('>');
    return new Partial(offset, length);
  }
}
