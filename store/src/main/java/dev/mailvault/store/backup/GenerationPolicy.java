package dev.mailvault.store.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which backups to keep (docs/adr/0122-backup-generations.md), as restic's {@code --keep-daily} and
 * {@code --keep-weekly} count them: the newest backup of each of the last {@code keepDaily} UTC
 * days that have a backup, and of each of the last {@code keepWeekly} ISO weeks that have one. On
 * top, every backup taken within a day of the newest is kept, so a safety backup taken before a
 * restore survives the backups taken after it. The newest backup is always kept. A pure function of
 * the times: no clock, no storage.
 */
public record GenerationPolicy(int keepDaily, int keepWeekly) {

  public static final GenerationPolicy DEFAULT = new GenerationPolicy(7, 4);

  private static final Duration RECENT = Duration.ofDays(1);

  public GenerationPolicy {
    if (keepDaily < 1 || keepWeekly < 0) {
      throw new IllegalArgumentException("keep at least one daily backup and no negative weeklies");
    }
  }

  /** The backups to delete among {@code times}, oldest first. */
  public List<Instant> toDelete(Collection<Instant> times) {
    List<Instant> newestFirst = new ArrayList<>(new HashSet<>(times));
    newestFirst.sort(Comparator.reverseOrder());
    if (newestFirst.isEmpty()) {
      return List.of();
    }
    Set<Instant> keep = new HashSet<>();
    Instant newest = newestFirst.get(0);
    for (Instant t : newestFirst) {
      if (Duration.between(t, newest).compareTo(RECENT) < 0) {
        keep.add(t);
      }
    }
    keep.addAll(newestPerBucket(newestFirst, keepDaily, false));
    keep.addAll(newestPerBucket(newestFirst, keepWeekly, true));
    List<Instant> delete = new ArrayList<>();
    for (Instant t : newestFirst) {
      if (!keep.contains(t)) {
        delete.add(t);
      }
    }
    delete.sort(Comparator.naturalOrder());
    return delete;
  }

  /** The newest time in each of the first {@code buckets} distinct days (or ISO weeks). */
  private static Set<Instant> newestPerBucket(
      List<Instant> newestFirst, int buckets, boolean weekly) {
    Set<Long> seen = new LinkedHashSet<>();
    Set<Instant> chosen = new HashSet<>();
    for (Instant t : newestFirst) {
      if (seen.size() >= buckets && !seen.contains(bucket(t, weekly))) {
        break;
      }
      if (seen.add(bucket(t, weekly))) {
        chosen.add(t);
      }
    }
    return chosen;
  }

  private static long bucket(Instant t, boolean weekly) {
    LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
    if (!weekly) {
      return day.toEpochDay();
    }
    return day.get(IsoFields.WEEK_BASED_YEAR) * 100L + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }
}
