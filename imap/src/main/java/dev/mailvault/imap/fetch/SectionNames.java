package dev.mailvault.imap.fetch;

import dev.mailvault.imap.codec.FetchItem.Section;
import dev.mailvault.imap.codec.ResponseWriter;

/**
 * A parsed section written back as text: as the section specifier {@link
 * dev.mailvault.core.access.MailboxAccess#fetchSection} reads, and as the {@code [section]} of the
 * answer (RFC 9051 §6.4.5, §7.5.2).
 */
final class SectionNames {

  private SectionNames() {}

  /** The specifier without brackets, e.g. {@code 1.2.HEADER.FIELDS (FROM TO)}. */
  static String spec(Section section) {
    StringBuilder spec = new StringBuilder(FetchResponder.partPath(section.part()));
    String text = text(section);
    if (!text.isEmpty()) {
      if (spec.length() > 0) {
        spec.append('.');
      }
      spec.append(text);
    }
    if (!section.fields().isEmpty()) {
      spec.append(" (");
      for (int i = 0; i < section.fields().size(); i++) {
        if (i > 0) {
          spec.append(' ');
        }
        String name = section.fields().get(i);
        if (isAtom(name)) {
          spec.append(name);
        } else {
          // A literal carries any name the client could send.
          int length = name.length();
          spec.append('{').append(length).append("}\r\n").append(name);
        }
      }
      spec.append(')');
    }
    return spec.toString();
  }

  /** {@code [section]}, header names as astrings. */
  static void write(ResponseWriter out, Section section) {
    StringBuilder head = new StringBuilder("[").append(FetchResponder.partPath(section.part()));
    String text = text(section);
    if (!text.isEmpty() && !section.part().isEmpty()) {
      head.append('.');
    }
    head.append(text);
    if (section.fields().isEmpty()) {
      out.atom(head.append(']').toString());
      return;
    }
    out.atom(head.toString()).sp().open();
    for (int i = 0; i < section.fields().size(); i++) {
      if (i > 0) {
        out.sp();
      }
      out.astring(section.fields().get(i));
    }
    out.close().atom("]");
  }

  private static String text(Section section) {
    return switch (section.text()) {
      case NONE -> "";
      case HEADER -> "HEADER";
      case HEADER_FIELDS -> "HEADER.FIELDS";
      case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
      case TEXT -> "TEXT";
      case MIME -> "MIME";
    };
  }

  private static boolean isAtom(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
        return false;
      }
    }
    return !name.isEmpty();
  }
}
