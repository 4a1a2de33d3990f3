package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;

/**
 * Finds the parts of a message (RFC 2045, RFC 2046 §5) and their byte offsets in one pass over the
 * raw bytes, as the reference server splits them: a delimiter line ends the part before it, whose
 * body does not include the line break before the delimiter (RFC 2046 §5.1.1); a delimiter of an
 * outer multipart closes every inner part still open; text after a close delimiter is the epilogue
 * of its multipart. Never fails: whatever the input, every byte lands in some part.
 */
final class StructureScanner {

  /**
   * Parts may nest this many levels (the root is level 0, as in the reference server's
   * max_nested_mime_parts); a multipart or message/rfc822 whose children would reach it is kept as
   * a leaf, its delimiters left as body text.
   */
  static final int MAX_NESTING = 100;

  /**
   * At most this many parts are made (the reference server's max_total_mime_parts); the part that
   * reaches it takes the rest of the message, delimiters included.
   */
  static final int MAX_PARTS = 10_000;

  // The reference server truncates boundaries longer than RFC 2046's 70 characters plus slack.
  private static final int MAX_BOUNDARY_LENGTH = 80;

  private final byte[] raw;
  private int partCount;

  private StructureScanner(byte[] raw) {
    this.raw = raw;
  }

  static PartNode scan(byte[] raw) {
    return new StructureScanner(raw).run();
  }

  private PartNode run() {
    int n = raw.length;
    PartNode root = new PartNode(null, 0);
    BoundaryStack open = readHeader(root, null);
    PartNode current = root;
    int scanFrom = 0;
    boolean freshHeader = true;
    while (true) {
      if (freshHeader) {
        // An encapsulated message (RFC 2046 §5.2.1) begins right after its part's header.
        while (current.rfc822) {
          PartNode inner = new PartNode(current, current.bodyStart);
          current.message = inner;
          open = readHeader(inner, open);
          current = inner;
        }
        scanFrom = current.bodyStart;
      }
      int lineStart = scanFrom;
      BoundaryStack.Match match = null;
      while (open != null && lineStart < n) {
        match = BoundaryStack.find(open, raw, lineStart);
        if (match != null) {
          break;
        }
        int lf = BoundaryStack.indexOf(raw, (byte) '\n', lineStart, n);
        if (lf < 0) {
          break;
        }
        lineStart = lf + 1;
      }
      if (match == null) {
        closeAll(current, n);
        return root;
      }
      // RFC 2046 §5.1.1: the line break before a delimiter belongs to the delimiter.
      int partEnd = lineStart;
      if (lineStart > scanFrom) {
        partEnd = lineStart - 1;
        if (partEnd > scanFrom && raw[partEnd - 1] == '\r') {
          partEnd--;
        }
      }
      PartNode owner = match.entry().owner();
      while (current != owner) {
        current.end = partEnd;
        current = current.parent;
      }
      open = match.close() ? match.entry().next() : match.entry();
      int lf = BoundaryStack.indexOf(raw, (byte) '\n', lineStart, n);
      if (lf < 0) {
        closeAll(current, n);
        return root;
      }
      if (match.close()) {
        // The epilogue belongs to the multipart, up to a delimiter of an outer one.
        scanFrom = lf + 1;
        freshHeader = false;
      } else {
        PartNode child = new PartNode(current, lf + 1);
        current.children.add(child);
        open = readHeader(child, open);
        current = child;
        freshHeader = true;
      }
    }
  }

  private void closeAll(PartNode current, int end) {
    for (PartNode p = current; p != null; p = p.parent) {
      if (p.isOpen()) {
        p.end = end;
      }
    }
  }

  /**
   * Reads the header of {@code part}, decides its kind, and returns the boundaries open for its
   * body (with its own boundary pushed when it is a multipart whose header ended properly).
   */
  private BoundaryStack readHeader(PartNode part, BoundaryStack open) {
    partCount++;
    HeaderParser.Result header = HeaderParser.parse(raw, part.headerStart, open);
    part.fields = header.fields();
    part.bodyStart = header.bodyStart();
    boolean mime = part.parent != null && part.parent.multipart;
    boolean seenType = false;
    String boundary = null;
    for (HeaderField f : header.fields()) {
      if (f.is("MIME-Version")) {
        mime = true;
      } else if (f.is("Content-Type")) {
        // RFC 2045 §4 asks for MIME-Version; like the reference server, Content-Type suffices.
        mime = true;
        if (seenType) {
          continue;
        }
        seenType = true;
        Rfc822Lexer lexer = new Rfc822Lexer(raw, f.valueStart(), f.valueEnd());
        lexer.skipLwsp();
        StringBuilder sb = new StringBuilder();
        int ret = lexer.parseContentType(sb);
        String type = sb.toString();
        if (type.equalsIgnoreCase("message/rfc822")) {
          part.rfc822 = true;
        } else if (type.regionMatches(true, 0, "multipart/", 0, 10)) {
          part.multipart = true;
          part.digest = type.substring(10).equalsIgnoreCase("digest");
        }
        if (ret >= 0 && part.multipart) {
          for (MimeParameters.Param p : MimeParameters.parse(lexer)) {
            if (p.name().equalsIgnoreCase("boundary")) {
              String b = p.value();
              boundary = b.length() > MAX_BOUNDARY_LENGTH ? b.substring(0, MAX_BOUNDARY_LENGTH) : b;
              break;
            }
          }
        }
      }
    }
    if (!mime) {
      // Not MIME (RFC 2045 §4): Content-* fields mean nothing.
      part.multipart = false;
      part.digest = false;
      part.rfc822 = false;
    }
    if (!seenType || !mime) {
      // RFC 2046 §5.1.5: in a digest the default type is message/rfc822; elsewhere text/plain.
      if (part.parent != null && part.parent.digest) {
        part.rfc822 = true;
      }
    }
    part.content = mime ? ContentFields.of(raw, header.fields()) : ContentFields.none();
    if (part.depth + 1 >= MAX_NESTING || partCount >= MAX_PARTS) {
      part.multipart = false;
      part.digest = false;
      part.rfc822 = false;
    }
    if (partCount >= MAX_PARTS) {
      return null;
    }
    BoundaryStack forBody = open;
    if (part.multipart && boundary != null && header.endedByBlankLine()) {
      forBody = BoundaryStack.push(open, boundary.getBytes(StandardCharsets.ISO_8859_1), part);
    }
    if (header.endedByBlankLine()) {
      // When a delimiter of an enclosing multipart follows the empty line at once, that empty
      // line is the line break belonging to the delimiter (RFC 2046 §5.1.1), so the reference
      // server leaves it out of the header. The part's own first delimiter does not count.
      BoundaryStack.Match next = BoundaryStack.find(forBody, raw, header.bodyStart());
      if (next != null && next.entry().owner() != part) {
        part.bodyStart = header.blankLine();
      }
    }
    return forBody;
  }
}
