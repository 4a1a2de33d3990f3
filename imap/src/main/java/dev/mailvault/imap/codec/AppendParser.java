package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.imap.codec.ImapCommand.Append;
import dev.mailvault.imap.codec.ImapCommand.AppendMessage;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND arguments (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502 §6.3.11: several messages),
 * literal8 (RFC 3516 §4.4) and CATENATE (RFC 4469 §5).
 */
final class AppendParser {

  /** RFC 4469 leaves the number of parts open; more than this is surely not a message. */
  static final int MAX_CATENATE_PARTS = 1000;

  private AppendParser() {}

  /** After {@code APPEND}: SP mailbox 1*(SP append-opts append-data). */
  static Append parse(ImapReader in, String tag) throws ParseException {
    in.sp();
    String mailbox = in.mailbox();
    List<AppendMessage> messages = new ArrayList<>();
    do {
      in.sp();
      messages.add(message(in));
    } while (!in.atEnd());
    return new Append(tag, mailbox, List.copyOf(messages));
  }

  private static AppendMessage message(ImapReader in) throws ParseException {
    Flags flags = Flags.NONE;
    if (in.peek() == '(') {
      flags = in.flagList();
      in.sp();
    }
    OffsetDateTime date = null;
    if (in.peek() == '"') {
      date = in.dateTime();
      in.sp();
    }
    // RFC 4469 §5: append-data = literal / literal8 / "CATENATE" SP "(" cat-part *(SP cat-part) ")"
    if (in.acceptWord("CATENATE")) {
      in.sp();
      return new AppendMessage(flags, date, new byte[0], false, catenate(in));
    }
    int c = in.peek();
    if (c != '{' && c != '~') {
      throw in.error("APPEND needs the message as a literal");
    }
    return new AppendMessage(flags, date, in.string(true), c == '~');
  }

  /** "(" cat-part *(SP cat-part) ")", cat-part = "TEXT" SP literal / "URL" SP astring. */
  private static List<CatenatePart> catenate(ImapReader in) throws ParseException {
    in.expect('(');
    List<CatenatePart> parts = new ArrayList<>();
    do {
      if (parts.size() == MAX_CATENATE_PARTS) {
        throw in.error("Too many CATENATE parts");
      }
      if (in.acceptWord("TEXT")) {
        in.sp();
        int c = in.peek();
        if (c != '{') {
          throw in.error("CATENATE TEXT needs a literal");
        }
        parts.add(new CatenatePart.Text(in.string(false)));
      } else if (in.acceptWord("URL")) {
        in.sp();
        // RFC 5092 URLs are US-ASCII with %-escapes; anything else cannot name a message of ours.
        String url = in.astring();
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(url)) {
          throw in.error("A CATENATE URL must be US-ASCII");
        }
        parts.add(new CatenatePart.Url(url));
      } else {
        throw in.error("Expected TEXT or URL in CATENATE");
      }
    } while (in.accept(' '));
    in.expect(')');
    return List.copyOf(parts);
  }
}
