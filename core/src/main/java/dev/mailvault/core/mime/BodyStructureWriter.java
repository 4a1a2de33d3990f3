package dev.mailvault.core.mime;

import java.util.List;

/**
 * Writes BODY and BODYSTRUCTURE data (RFC 9051 §7.5.2 "body") for a scanned part tree, in the form
 * the reference server sends: types, subtypes and parameter names keep the case used in the
 * message, text parts without a charset get {@code ("charset" "us-ascii")} (RFC 2045 §5.2), and
 * sizes and line counts are those of the raw bytes as stored (ADR 0011).
 */
final class BodyStructureWriter {

  // A multipart in which no part was found still reports one empty text part (RFC 9051 §7.5.2
  // needs at least one body in body-type-mpart).
  private static final String EMPTY_BODY =
      "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

  private final byte[] raw;
  private final boolean extended;
  private final StringBuilder out = new StringBuilder(256);

  private BodyStructureWriter(byte[] raw, boolean extended) {
    this.raw = raw;
    this.extended = extended;
  }

  /** BODYSTRUCTURE (extended) or BODY data for the tree under {@code root}, in parentheses. */
  static String write(byte[] raw, PartNode root, boolean extended) {
    BodyStructureWriter w = new BodyStructureWriter(raw, extended);
    w.out.append('(');
    w.part(root);
    w.out.append(')');
    return w.out.toString();
  }

  private void part(PartNode node) {
    if (node.multipart) {
      multipart(node);
    } else {
      single(node);
    }
  }

  private void multipart(PartNode node) {
    ContentFields c = node.content;
    if (node.children.isEmpty()) {
      out.append(EMPTY_BODY).append(extended ? " NIL NIL NIL NIL)" : ")");
    }
    for (PartNode child : node.children) {
      out.append('(');
      part(child);
      out.append(')');
    }
    out.append(' ');
    ImapQuoting.nstring(out, c.subtype != null ? c.subtype : "");
    if (!extended) {
      return;
    }
    out.append(' ');
    params(c.typeParams, false);
    extensionTail(c);
  }

  private void single(PartNode node) {
    ContentFields c = node.content;
    boolean message = node.rfc822 && node.message != null;
    boolean text = false;
    if (message) {
      out.append("\"message\" \"rfc822\"");
    } else {
      text = c.isText();
      if (c.type == null) {
        out.append("\"text\" \"plain\"");
      } else {
        ImapQuoting.nstring(out, c.type);
        out.append(' ');
        ImapQuoting.nstring(out, c.subtype != null ? c.subtype : "");
      }
    }
    out.append(' ');
    params(c.typeParams, text);
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, c.id);
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, c.description);
    out.append(' ');
    if (c.transferEncoding != null) {
      ImapQuoting.nstring(out, c.transferEncoding);
    } else {
      out.append("\"7bit\"");
    }
    out.append(' ').append(node.end - node.bodyStart);
    if (text) {
      out.append(' ').append(lines(node));
    } else if (message) {
      out.append(" (");
      EnvelopeData.of(raw, node.message.fields).write(out);
      out.append(") (");
      part(node.message);
      out.append(") ").append(lines(node));
    }
    if (!extended) {
      return;
    }
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, c.md5);
    extensionTail(c);
  }

  private void extensionTail(ContentFields c) {
    out.append(' ');
    if (c.disposition == null) {
      out.append("NIL");
    } else {
      out.append('(');
      ImapQuoting.nstring(out, c.disposition);
      out.append(' ');
      params(c.dispositionParams, false);
      out.append(')');
    }
    out.append(' ');
    if (c.languages == null) {
      out.append("NIL");
    } else {
      out.append('(');
      for (int i = 0; i < c.languages.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        ImapQuoting.nstring(out, c.languages.get(i));
      }
      out.append(')');
    }
    out.append(' ');
    ImapQuoting.nstringWithoutLineBreaks(out, c.location);
  }

  private void params(List<MimeParameters.Param> params, boolean defaultCharset) {
    if (!defaultCharset && params.isEmpty()) {
      out.append("NIL");
      return;
    }
    out.append('(');
    boolean seenCharset = false;
    for (int i = 0; i < params.size(); i++) {
      MimeParameters.Param p = params.get(i);
      if (i > 0) {
        out.append(' ');
      }
      seenCharset |= p.name().equalsIgnoreCase("charset");
      ImapQuoting.nstring(out, p.name());
      out.append(' ');
      ImapQuoting.nstring(out, p.value());
    }
    if (defaultCharset && !seenCharset) {
      if (!params.isEmpty()) {
        out.append(' ');
      }
      out.append("\"charset\" \"us-ascii\"");
    }
    out.append(')');
  }

  /** RFC 9051 §7.5.2 body-fld-lines: the number of line feeds in the body as stored. */
  private int lines(PartNode node) {
    int count = 0;
    for (int i = node.bodyStart; i < node.end; i++) {
      if (raw[i] == '\n') {
        count++;
      }
    }
    return count;
  }
}
