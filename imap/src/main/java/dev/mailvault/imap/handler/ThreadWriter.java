package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageThread;
import dev.mailvault.imap.search.SearchView;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Writes one thread of a THREAD answer (RFC 5256 §4): a message followed by its only reply, or by
 * its replies each in parentheses; a node without a message writes only its children, each in
 * parentheses ({@code ((3)(5))}). Written from a list of what is left to write rather than by
 * recursion, so a reply chain thousands deep does not use the session thread's stack.
 */
final class ThreadWriter {

  private static final String OPEN = "(";
  private static final String CLOSE = ")";

  private ThreadWriter() {}

  /** Writes {@code thread} without the outer parentheses. */
  static void write(StringBuilder out, MessageThread thread, boolean uid, SearchView view) {
    ArrayDeque<Object> pending = new ArrayDeque<>();
    pending.push(thread);
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof String text) {
        out.append(text);
        continue;
      }
      MessageThread node = (MessageThread) next;
      if (!node.isDummy()) {
        out.append(uid ? node.uid() : view.sequenceOf(node.uid()));
      }
      List<MessageThread> children = node.children();
      if (children.isEmpty()) {
        continue;
      }
      if (!node.isDummy()) {
        out.append(' ');
        if (children.size() == 1) {
          pending.push(children.get(0));
          continue;
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(CLOSE);
        pending.push(children.get(i));
        pending.push(OPEN);
      }
    }
  }
}
