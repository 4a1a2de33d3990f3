package dev.mailvault.core.mime;

/**
 * The multipart boundaries open at a point of the message, innermost first (RFC 2046 §5.1.1).
 * Immutable: pushing or popping gives a new stack, so a part can keep the stack it was opened
 * under.
 */
final class BoundaryStack {

  /** A boundary line found in the message: which boundary, and whether it closes (ends in "--"). */
  record Match(BoundaryStack entry, boolean close) {}

  private final byte[] boundary;
  private final PartNode owner;
  private final BoundaryStack next;

  private BoundaryStack(byte[] boundary, PartNode owner, BoundaryStack next) {
    this.boundary = boundary;
    this.owner = owner;
    this.next = next;
  }

  static BoundaryStack push(BoundaryStack stack, byte[] boundary, PartNode owner) {
    return new BoundaryStack(boundary, owner, stack);
  }

  PartNode owner() {
    return owner;
  }

  BoundaryStack next() {
    return next;
  }

  /**
   * Whether the line at {@code lineStart} is a delimiter line of one of the boundaries of {@code
   * stack}. As in the reference server, the line only has to begin with "--" and the boundary (RFC
   * 2046 §5.1.1 lets senders add white space after it; other trailing text is tolerated), and when
   * several open boundaries match, the longest wins, so that an inner boundary that extends an
   * outer one is told apart.
   */
  static Match find(BoundaryStack stack, byte[] raw, int lineStart) {
    int n = raw.length;
    if (stack == null || lineStart + 1 >= n || raw[lineStart] != '-' || raw[lineStart + 1] != '-') {
      return null;
    }
    int from = lineStart + 2;
    int lf = indexOf(raw, (byte) '\n', from, n);
    int findSize;
    if (lf >= 0) {
      findSize = lf - from;
      if (findSize > 0 && raw[from + findSize - 1] == '\r') {
        findSize--;
      }
    } else {
      findSize = n - from;
    }
    BoundaryStack best = null;
    for (BoundaryStack s = stack; s != null; s = s.next) {
      int len = s.boundary.length;
      if (len <= findSize
          && regionEquals(raw, from, s.boundary)
          && (best == null || best.boundary.length < len)) {
        best = s;
        if (len == findSize) {
          break;
        }
      }
    }
    if (best == null) {
      return null;
    }
    int after = from + best.boundary.length;
    boolean close = after + 1 < n && raw[after] == '-' && raw[after + 1] == '-';
    return new Match(best, close);
  }

  private static boolean regionEquals(byte[] raw, int from, byte[] boundary) {
    for (int i = 0; i < boundary.length; i++) {
      if (raw[from + i] != boundary[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] raw, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
