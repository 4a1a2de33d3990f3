package dev.mailvault.mailauth.dkim;

/**
 * Writes a header field folded before 78 columns (RFC 5322 §2.1.1), breaking only where RFC 6376
 * allows FWS: between tags, around the colons of {@code h=}, and inside base64 values (§3.5).
 */
final class FoldedField {

  private static final int WIDTH = 78;
  private static final String FOLD = "\r\n ";

  private final StringBuilder text = new StringBuilder();
  private int column;

  FoldedField(String start) {
    text.append(start);
    column = start.length();
  }

  /** Appends {@code atom} after a space, or on a new line when it would pass the width. */
  FoldedField spaced(String atom) {
    if (column + 1 + atom.length() > WIDTH) {
      fold();
    } else {
      text.append(' ');
      column++;
    }
    return joined(atom);
  }

  /** Appends {@code atom} with nothing before it, or on a new line when it would pass the width. */
  FoldedField tight(String atom) {
    if (column + atom.length() > WIDTH) {
      fold();
    }
    return joined(atom);
  }

  /** Appends {@code value}, breaking inside it wherever the width is reached. */
  FoldedField broken(String value) {
    int at = 0;
    while (at < value.length()) {
      if (column >= WIDTH) {
        fold();
      }
      int take = Math.min(value.length() - at, WIDTH - column);
      joined(value.substring(at, at + take));
      at += take;
    }
    return this;
  }

  private FoldedField joined(String atom) {
    text.append(atom);
    column += atom.length();
    return this;
  }

  private void fold() {
    text.append(FOLD);
    column = FOLD.length() - 2;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
