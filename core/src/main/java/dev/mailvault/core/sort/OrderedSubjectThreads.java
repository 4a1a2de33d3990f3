package dev.mailvault.core.sort;

import dev.mailvault.core.access.MessageThread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3): messages sorted by base subject and then by sent date; each
 * run of one base subject is a thread whose oldest message is the parent of all the others; threads
 * in the order of their first message's sent date.
 */
public final class OrderedSubjectThreads {

  private OrderedSubjectThreads() {}

  public static List<MessageThread> of(List<ThreadMessage> messages) {
    List<ThreadMessage> sorted = new ArrayList<>(messages);
    sorted.sort(
        Comparator.<ThreadMessage, String>comparing(ThreadMessage::subject, UnicodeCasemap::compare)
            .thenComparing(ThreadMessage::compareByDate));
    List<ThreadMessage> roots = new ArrayList<>();
    List<List<ThreadMessage>> members = new ArrayList<>();
    for (ThreadMessage m : sorted) {
      int last = roots.size() - 1;
      if (last >= 0 && roots.get(last).subject().equals(m.subject())) {
        members.get(last).add(m);
      } else {
        roots.add(m);
        members.add(new ArrayList<>());
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> roots.get(a).compareByDate(roots.get(b)));
    List<MessageThread> threads = new ArrayList<>(roots.size());
    for (int i : order) {
      List<MessageThread> children = new ArrayList<>();
      for (ThreadMessage child : members.get(i)) {
        children.add(new MessageThread(child.uid(), List.of()));
      }
      threads.add(new MessageThread(roots.get(i).uid(), children));
    }
    return threads;
  }
}
