package dev.mailvault.core.auth;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The single process's {@link LoginThrottleState}: concurrent maps, forgotten at restart, no I/O.
 * Expired entries are swept once a kind holds more than {@link #SWEEP_ABOVE}, so a scan cannot grow
 * memory.
 */
public final class InMemoryThrottleState implements LoginThrottleState {

  /** Entries kept per kind before expired ones are swept. */
  static final int SWEEP_ABOVE = 50_000;

  private record Stored(Entry entry, Instant expires) {}

  private final Map<Kind, Map<String, Stored>> entries = new EnumMap<>(Kind.class);

  public InMemoryThrottleState() {
    for (Kind kind : Kind.values()) {
      entries.put(kind, new ConcurrentHashMap<>());
    }
  }

  @Override
  public Entry get(Kind kind, String key) {
    Stored stored = entries.get(kind).get(key);
    return stored == null ? null : stored.entry;
  }

  @Override
  public Entry update(
      Kind kind, String key, UnaryOperator<Entry> change, Function<Entry, Instant> expiry) {
    return entries
        .get(kind)
        .compute(
            key,
            (k, old) -> {
              Entry next = change.apply(old == null ? null : old.entry);
              return new Stored(next, expiry.apply(next));
            })
        .entry;
  }

  @Override
  public void remove(Kind kind, String key) {
    entries.get(kind).remove(key);
  }

  @Override
  public void sweep(Instant now) {
    for (Map<String, Stored> map : entries.values()) {
      if (map.size() > SWEEP_ABOVE) {
        map.values().removeIf(stored -> !now.isBefore(stored.expires));
      }
    }
  }
}
