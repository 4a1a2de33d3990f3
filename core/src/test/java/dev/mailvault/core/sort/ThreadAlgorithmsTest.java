package dev.mailvault.core.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageThread;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** THREAD=REFERENCES and THREAD=ORDEREDSUBJECT (RFC 5256 §3) over hand-made messages. */
class ThreadAlgorithmsTest {

  private static ThreadMessage m(long uid, int day, String id, String refs, String subject) {
    BaseSubject base = BaseSubject.of(subject);
    return new ThreadMessage(
        uid,
        String.format("2024-01-%02dT00:00:00Z", day),
        id,
        refs.isEmpty() ? List.of() : List.of(refs.split(" ")),
        base.text(),
        base.replyOrForward());
  }

  /** The RFC 5256 §4 notation, numbers being UIDs. */
  private static String notation(List<MessageThread> threads) {
    StringBuilder out = new StringBuilder();
    for (MessageThread t : threads) {
      out.append('(');
      write(out, t);
      out.append(')');
    }
    return out.toString();
  }

  private static void write(StringBuilder out, MessageThread node) {
    if (!node.isDummy()) {
      out.append(node.uid());
    }
    if (node.children().size() == 1 && !node.isDummy()) {
      out.append(' ');
      write(out, node.children().get(0));
      return;
    }
    if (!node.children().isEmpty() && !node.isDummy()) {
      out.append(' ');
    }
    for (MessageThread child : node.children()) {
      out.append('(');
      write(out, child);
      out.append(')');
    }
  }

  @Test
  void aReplyChainIsOneThread() {
    List<ThreadMessage> messages =
        List.of(
            m(1, 1, "a@x", "", "topic"),
            m(2, 2, "b@x", "a@x", "Re: topic"),
            m(3, 3, "c@x", "a@x b@x", "Re: topic"),
            m(4, 4, "d@x", "", "other"));
    assertThat(notation(ReferenceThreads.of(messages))).isEqualTo("(1 2 3)(4)");
  }

  @Test
  void siblingsAreInDateOrderAndAMissingParentKeepsThemTogether() {
    List<ThreadMessage> messages =
        List.of(
            m(1, 5, "b@x", "root@x", "Re: topic"),
            m(2, 3, "c@x", "root@x", "Re: topic"),
            m(3, 4, "d@x", "c@x", "Re: topic"));
    // root@x is absent: a dummy with two children stays at the root (step 4.B).
    assertThat(notation(ReferenceThreads.of(messages))).isEqualTo("((2 3)(1))");
  }

  @Test
  void aDummyWithOneChildIsPromoted() {
    List<ThreadMessage> messages =
        List.of(m(1, 1, "b@x", "gone@x", "Re: a"), m(2, 2, "c@x", "", "b"));
    assertThat(notation(ReferenceThreads.of(messages))).isEqualTo("(1)(2)");
  }

  @Test
  void rootsWithOneBaseSubjectAreGathered() {
    List<ThreadMessage> messages =
        List.of(
            m(1, 1, "a@x", "", "lunch"),
            m(2, 2, "b@x", "", "Re: lunch"),
            m(3, 3, "c@x", "", "lunch"));
    // 5.C-D: 2 is a reply, so it goes under 1; 3 is not, so 1 and 3 share a new dummy.
    assertThat(notation(ReferenceThreads.of(messages))).isEqualTo("((1 2)(3))");
  }

  @Test
  void duplicateIdsAndLoopsDoNotLoseMessages() {
    List<ThreadMessage> messages =
        List.of(
            m(1, 1, "a@x", "b@x", "one"),
            m(2, 2, "b@x", "a@x", "two"),
            m(3, 3, "a@x", "", "three"),
            m(4, 4, "", "a@x", "four"));
    List<MessageThread> threads = ReferenceThreads.of(messages);
    List<Long> seen = new ArrayList<>();
    collect(threads, seen);
    assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
  }

  @Test
  void orderedSubjectPutsEachSubjectUnderItsOldestMessage() {
    List<ThreadMessage> messages =
        List.of(
            m(1, 3, "", "", "b"),
            m(2, 1, "", "", "a"),
            m(3, 2, "", "", "Re: a"),
            m(4, 4, "", "", "Re: b"),
            m(5, 5, "", "", "a"),
            m(6, 6, "", "", "c"));
    assertThat(notation(OrderedSubjectThreads.of(messages))).isEqualTo("(2 (3)(5))(1 4)(6)");
  }

  private static void collect(List<MessageThread> threads, List<Long> into) {
    for (MessageThread t : threads) {
      if (!t.isDummy()) {
        into.add(t.uid());
      }
      collect(t.children(), into);
    }
  }
}
