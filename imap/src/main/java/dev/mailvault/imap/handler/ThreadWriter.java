package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageThread;
import dev.mailvault.imap.search.SearchView;

/**
 * Writes one thread of a THREAD answer (RFC 5256 §4): a message followed by its only reply, or by
 * its replies each in parentheses; a node without a message writes only its children, each in
 * parentheses ({@code ((3)(5))}).
 */
final class ThreadWriter {

  private ThreadWriter() {}

  /** Writes {@code node} without the outer parentheses. */
  static void write(StringBuilder out, MessageThread node, boolean uid, SearchView view) {
    if (!node.isDummy()) {
      out.append(uid ? node.uid() : view.sequenceOf(node.uid()));
    }
    if (node.children().isEmpty()) {
      return;
    }
    if (!node.isDummy() && node.children().size() == 1) {
      out.append(' ');
      write(out, node.children().get(0), uid, view);
      return;
    }
    if (!node.isDummy()) {
      out.append(' ');
    }
    for (MessageThread child : node.children()) {
      out.append('(');
      write(out, child, uid, view);
      out.append(')');
    }
  }
}
