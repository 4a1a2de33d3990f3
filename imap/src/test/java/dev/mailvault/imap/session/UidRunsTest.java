package dev.mailvault.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.mail.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UidRuns} answers as a plain sorted list of UIDs would, in far less memory. */
class UidRunsTest {

  @Test
  void oneHundredThousandConsecutiveUidsAreOneRun() {
    UidRuns runs = UidRuns.of(LongStream.rangeClosed(1, 100_000).toArray());
    assertThat(runs.size()).isEqualTo(100_000);
    assertThat(runs.runCount()).isEqualTo(1);
    assertThat(runs.footprint()).isLessThan(100);
    assertThat(runs.uidAt(70_000)).isEqualTo(70_000);
    assertThat(runs.positionOf(100_001)).isZero();
  }

  @Test
  void removingSplitsAndJoinsNothingBehindTheClientsBack() {
    UidRuns runs = UidRuns.of(new long[] {1, 2, 3, 4, 5, 9, 10});
    assertThat(runs.remove(3)).isEqualTo(3);
    assertThat(runs.toArray()).containsExactly(1, 2, 4, 5, 9, 10);
    assertThat(runs.remove(1)).isEqualTo(1);
    assertThat(runs.remove(5)).isEqualTo(3);
    assertThat(runs.remove(7)).as("absent").isZero();
    assertThat(runs.toArray()).containsExactly(2, 4, 9, 10);
    assertThat(runs.uidAt(3)).isEqualTo(9);
    assertThat(runs.positionOf(10)).isEqualTo(4);
    runs.add(11);
    assertThat(runs.last()).isEqualTo(11);
  }

  @Test
  void uidsAboveThirtyOneBitsStayUnsigned() {
    UidRuns runs = UidRuns.of(new long[] {5, UidSet.MAX_UID - 1, UidSet.MAX_UID});
    assertThat(runs.last()).isEqualTo(UidSet.MAX_UID);
    assertThat(runs.positionOf(UidSet.MAX_UID - 1)).isEqualTo(2);
    assertThat(runs.within(6, UidSet.MAX_UID))
        .containsExactly(new UidSet.Range(UidSet.MAX_UID - 1, UidSet.MAX_UID));
  }

  @Test
  void aUidMustGrow() {
    UidRuns runs = UidRuns.of(new long[] {4});
    assertThatThrownBy(() -> runs.add(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> runs.uidAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  /** Random appends and removals against a TreeSet: every lookup must agree. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 14, 99, 2026})
  void agreesWithASortedSet(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TreeSet<Long> model = new TreeSet<>();
    UidRuns runs = new UidRuns();
    long next = 1;
    for (int step = 0; step < 3_000; step++) {
      int action = random.nextInt(10);
      if (action < 6 || model.isEmpty()) {
        next += random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
        runs.add(next);
        model.add(next);
        next++;
      } else {
        long uid = 1 + random.nextLong(next);
        int position = model.contains(uid) ? model.headSet(uid).size() + 1 : 0;
        assertThat(runs.remove(uid)).isEqualTo(position);
        model.remove(uid);
      }
      check(runs, model, random);
    }
  }

  private static void check(UidRuns runs, TreeSet<Long> model, SplittableRandom random) {
    List<Long> list = new ArrayList<>(model);
    assertThat(runs.size()).isEqualTo(list.size());
    assertThat(runs.last()).isEqualTo(list.isEmpty() ? 0 : list.get(list.size() - 1));
    if (list.isEmpty()) {
      return;
    }
    int seq = 1 + random.nextInt(list.size());
    assertThat(runs.uidAt(seq)).isEqualTo(list.get(seq - 1));
    assertThat(runs.positionOf(list.get(seq - 1))).isEqualTo(seq);
    long low = 1 + random.nextLong(runs.last() + 2);
    long high = low + random.nextInt(40);
    assertThat(expand(runs.within(low, high)))
        .containsExactlyElementsOf(model.subSet(low, true, high, true));
    int from = 1 + random.nextInt(list.size());
    int to = from + random.nextInt(40);
    assertThat(expand(runs.atPositions(from, to)))
        .containsExactlyElementsOf(list.subList(from - 1, Math.min(to, list.size())));
  }

  private static List<Long> expand(List<UidSet.Range> ranges) {
    List<Long> all = new ArrayList<>();
    for (UidSet.Range r : ranges) {
      for (long u = r.first(); u <= r.last(); u++) {
        all.add(u);
      }
    }
    return all;
  }
}
