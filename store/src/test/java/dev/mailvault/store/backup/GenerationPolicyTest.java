package dev.mailvault.store.backup;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.maxBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generation policy on seeded random histories, against a model written another way. */
class GenerationPolicyTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  static LongStream seeds() {
    return LongStream.range(1, 41);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void keepsTheNewestOfTheLastDaysAndWeeksAndEverythingOfTheLastDay(long seed) {
    Random random = new Random(seed);
    GenerationPolicy policy = new GenerationPolicy(1 + random.nextInt(10), random.nextInt(6));
    List<Instant> times = history(random);

    List<Instant> deleted = policy.toDelete(times);
    Set<Instant> kept = new HashSet<>(times);
    deleted.forEach(kept::remove);

    assertThat(kept).isEqualTo(model(policy, times));
    assertThat(deleted).isSorted().doesNotHaveDuplicates();
    assertThat(times).containsAll(deleted);
    // Pruning again prunes nothing: what is kept stays kept.
    assertThat(policy.toDelete(kept)).isEmpty();
  }

  @Test
  void defaultKeepsSevenDailiesAndFourWeekliesOfADailyHistory() {
    List<Instant> daily = new ArrayList<>();
    for (int day = 0; day < 60; day++) {
      daily.add(START.plus(Duration.ofDays(day)).plusSeconds(3600));
    }
    Set<Instant> kept = new HashSet<>(daily);
    GenerationPolicy.DEFAULT.toDelete(daily).forEach(kept::remove);
    // The last 7 days, plus the Sundays (newest of their ISO week) of the 3 weeks before them.
    assertThat(kept).hasSizeBetween(7, 11).contains(daily.get(59), daily.get(53));
    assertThat(kept).doesNotContain(daily.get(0), daily.get(30));
  }

  @Test
  void anEmptyHistoryOrOneBackupDeletesNothing() {
    assertThat(GenerationPolicy.DEFAULT.toDelete(List.of())).isEmpty();
    assertThat(GenerationPolicy.DEFAULT.toDelete(List.of(START))).isEmpty();
  }

  /** Backups on random days of 120, sometimes several a day, sometimes none for weeks. */
  private static List<Instant> history(Random random) {
    List<Instant> times = new ArrayList<>();
    int count = 1 + random.nextInt(80);
    for (int i = 0; i < count; i++) {
      times.add(START.plusSeconds(random.nextInt(120 * 86_400)).plusMillis(random.nextInt(1000)));
    }
    return times;
  }

  /** The rule restated: per-bucket maxima of the newest buckets, plus the day before the newest. */
  private static Set<Instant> model(GenerationPolicy policy, List<Instant> times) {
    Instant newest = times.stream().max(Comparator.naturalOrder()).orElseThrow();
    Set<Instant> keep = new HashSet<>();
    for (Instant t : times) {
      if (t.isAfter(newest.minus(Duration.ofDays(1)))) {
        keep.add(t);
      }
    }
    keep.addAll(newestOfLast(times, policy.keepDaily(), t -> day(t)));
    keep.addAll(
        newestOfLast(
            times,
            policy.keepWeekly(),
            t -> day(t).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))));
    return keep;
  }

  private static List<Instant> newestOfLast(
      List<Instant> times, int buckets, Function<Instant, LocalDate> bucket) {
    Map<LocalDate, Optional<Instant>> newestPer =
        new TreeMap<>(
            times.stream().collect(groupingBy(bucket, maxBy(Comparator.<Instant>naturalOrder()))));
    List<Optional<Instant>> ordered = new ArrayList<>(newestPer.values());
    java.util.Collections.reverse(ordered);
    return ordered.stream().limit(buckets).map(Optional::orElseThrow).toList();
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
