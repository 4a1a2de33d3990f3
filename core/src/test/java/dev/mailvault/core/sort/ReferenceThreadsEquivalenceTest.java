package dev.mailvault.core.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * THREAD=REFERENCES on numbers and without recursion (ADR 0233) answers as the string-keyed one
 * did, on seeded random mailboxes full of the cases RFC 5256 §3 spells out: missing parents,
 * duplicate and absent IDs, loops, truncated References, shared subjects and equal dates.
 */
class ReferenceThreadsEquivalenceTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void answersAsTheStringKeyedAlgorithm(long seed) {
    Random random = new Random(seed);
    int count = 20 + random.nextInt(400);
    int idSpace = Math.max(4, count * (1 + random.nextInt(3)) / 2);
    List<ThreadMessage> messages = new ArrayList<>();
    for (int uid = 1; uid <= count; uid++) {
      String id = random.nextInt(10) == 0 ? "" : "m" + random.nextInt(idSpace) + "@x";
      List<String> refs = new ArrayList<>();
      for (int r = random.nextInt(5) == 0 ? 0 : random.nextInt(6); r > 0; r--) {
        refs.add("m" + random.nextInt(idSpace) + "@x");
      }
      String subject = random.nextInt(8) == 0 ? "" : "s" + random.nextInt(1 + count / 5);
      messages.add(
          new ThreadMessage(
              uid,
              String.format("2024-01-%02dT%02d:00:00Z", 1 + random.nextInt(28), random.nextInt(3)),
              id,
              refs,
              subject,
              random.nextBoolean()));
    }
    assertThat(notation(ReferenceThreads.of(messages)))
        .isEqualTo(notation(StringReferenceThreads.of(messages)));
  }

  /** A 10,000-deep reply chain is one thread, threaded and walked without a deep stack. */
  @Test
  void aReplyChainTenThousandDeepIsOneThread() {
    int depth = 10_000;
    List<ThreadMessage> messages = new ArrayList<>();
    for (int i = 1; i <= depth; i++) {
      List<String> refs = new ArrayList<>();
      for (int r = Math.max(1, i - MessageIds.MAX_REFERENCES); r < i; r++) {
        refs.add("c" + r + "@x");
      }
      messages.add(
          new ThreadMessage(
              i,
              String.format("2024-01-01T00:%02d:%02dZ", i / 3600 % 60, i % 60),
              "c" + i + "@x",
              refs,
              "chain",
              i > 1));
    }
    List<MessageThread> threads = ReferenceThreads.of(messages);
    assertThat(threads).hasSize(1);
    long expected = 1;
    for (MessageThread node = threads.get(0); ; node = node.children().get(0)) {
      assertThat(node.uid()).isEqualTo(expected++);
      if (node.children().isEmpty()) {
        break;
      }
      assertThat(node.children()).hasSize(1);
    }
    assertThat(expected - 1).isEqualTo(depth);
  }

  /** RFC 5256 §4 notation, written without recursion. */
  static String notation(List<MessageThread> threads) {
    StringBuilder out = new StringBuilder();
    ArrayDeque<Object> pending = new ArrayDeque<>();
    for (int i = threads.size() - 1; i >= 0; i--) {
      pending.push(")");
      pending.push(threads.get(i));
      pending.push("(");
    }
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof String text) {
        out.append(text);
        continue;
      }
      MessageThread node = (MessageThread) next;
      if (!node.isDummy()) {
        out.append(node.uid());
      }
      if (!node.children().isEmpty() && !node.isDummy()) {
        out.append(' ');
        if (node.children().size() == 1) {
          pending.push(node.children().get(0));
          continue;
        }
      }
      for (int i = node.children().size() - 1; i >= 0; i--) {
        pending.push(")");
        pending.push(node.children().get(i));
        pending.push("(");
      }
    }
    return out.toString();
  }
}
