package dev.mailvault.bench.imap;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * How often each {@link Step} is drawn, as integer weights: {@code body=20,store=15,...}. Steps the
 * server under test does not support yet are left out by giving them weight 0.
 */
final class WorkloadMix {

  /**
   * The default mix: reading dominates (a message list, opening messages, flag changes), with
   * appends and expunges in balance so the mailbox keeps its size.
   */
  static final String DEFAULT =
      "flags=5,envelope=10,body=25,store=20,append=8,expunge=8,noop=20,idle=4";

  private final Step[] table;

  private WorkloadMix(Step[] table) {
    this.table = table;
  }

  static WorkloadMix parse(String spec) {
    Map<Step, Integer> weights = new EnumMap<>(Step.class);
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] pair = entry.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("mix entry is not step=weight: " + entry);
      }
      int weight = Integer.parseInt(pair[1].trim());
      if (weight < 0) {
        throw new IllegalArgumentException("negative weight: " + entry);
      }
      weights.put(Step.parse(pair[0]), weight);
    }
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      throw new IllegalArgumentException("the mix has no step with a weight above 0");
    }
    Step[] table = new Step[total];
    int i = 0;
    for (Map.Entry<Step, Integer> e : weights.entrySet()) {
      for (int k = 0; k < e.getValue(); k++) {
        table[i++] = e.getKey();
      }
    }
    return new WorkloadMix(table);
  }

  Step next(SplittableRandom random) {
    return table[random.nextInt(table.length)];
  }

  /** The mix written back in its canonical form, for the report. */
  String describe() {
    Map<Step, Integer> counts = new EnumMap<>(Step.class);
    for (Step s : table) {
      counts.merge(s, 1, Integer::sum);
    }
    StringJoiner joiner = new StringJoiner(",");
    counts.forEach((s, n) -> joiner.add(s.name().toLowerCase(java.util.Locale.ROOT) + "=" + n));
    return joiner.toString();
  }
}
