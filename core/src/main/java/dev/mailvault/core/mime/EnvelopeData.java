package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The header fields that make up an ENVELOPE (RFC 9051 §7.5.2). As the reference server does, a
 * repeated Date, Subject, In-Reply-To or Message-ID counts by its last occurrence, and repeated
 * address fields are joined into one list. Values are raw (not RFC 2047-decoded) byte strings.
 */
final class EnvelopeData {

  String date;
  String subject;
  String inReplyTo;
  String messageId;
  List<Address> from;
  List<Address> sender;
  List<Address> replyTo;
  List<Address> to;
  List<Address> cc;
  List<Address> bcc;

  static EnvelopeData of(byte[] raw, List<HeaderField> fields) {
    EnvelopeData e = new EnvelopeData();
    for (HeaderField f : fields) {
      switch (f.name().toLowerCase(java.util.Locale.ROOT)) {
        case "date" -> e.date = ContentFields.value(raw, f);
        case "subject" -> e.subject = ContentFields.value(raw, f);
        case "in-reply-to" -> e.inReplyTo = ContentFields.value(raw, f);
        case "message-id" -> e.messageId = ContentFields.value(raw, f);
        case "from" -> e.from = join(e.from, raw, f);
        case "sender" -> e.sender = join(e.sender, raw, f);
        case "reply-to" -> e.replyTo = join(e.replyTo, raw, f);
        case "to" -> e.to = join(e.to, raw, f);
        case "cc" -> e.cc = join(e.cc, raw, f);
        case "bcc" -> e.bcc = join(e.bcc, raw, f);
        default -> {
          // not an envelope field
        }
      }
    }
    return e;
  }

  private static List<Address> join(List<Address> list, byte[] raw, HeaderField f) {
    List<Address> parsed = AddressParser.parse(raw, f.valueStart(), f.valueEnd());
    if (list == null) {
      return parsed.isEmpty() ? null : parsed;
    }
    List<Address> joined = new ArrayList<>(list);
    joined.addAll(parsed);
    return joined;
  }

  /** Writes the ENVELOPE fields (without the enclosing parentheses). */
  void write(StringBuilder out) {
    ImapQuoting.nstringWithoutLineBreaks(out, date);
    out.append(' ');
    if (subject == null) {
      out.append("NIL");
    } else {
      ImapQuoting.forHumans(out, subject);
    }
    out.append(' ');
    writeAddresses(out, from);
    out.append(' ');
    // RFC 9051 §7.5.2: Sender and Reply-To default to From.
    writeAddresses(out, sender != null ? sender : from);
    out.append(' ');
    writeAddresses(out, replyTo != null ? replyTo : from);
    out.append(' ');
    writeAddresses(out, to);
    out.append(' ');
    writeAddresses(out, cc);
    out.append(' ');
    writeAddresses(out, bcc);
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, inReplyTo);
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, messageId);
  }

  static final String EMPTY = "NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL";

  private static void writeAddresses(StringBuilder out, List<Address> list) {
    if (list == null || list.isEmpty()) {
      out.append("NIL");
      return;
    }
    out.append('(');
    for (Address a : list) {
      out.append('(');
      if (a.name() == null) {
        out.append("NIL");
      } else {
        ImapQuoting.forHumans(out, a.name());
      }
      out.append(' ');
      ImapQuoting.nstring(out, a.route());
      out.append(' ');
      ImapQuoting.nstring(out, a.mailbox());
      out.append(' ');
      ImapQuoting.nstring(out, a.domain());
      out.append(')');
    }
    out.append(')');
  }
}
