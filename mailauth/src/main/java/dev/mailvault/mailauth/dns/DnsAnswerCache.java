package dev.mailvault.mailauth.dns;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Answers kept for as long as DNS allows: a positive answer for its records' smallest TTL (RFC 1035
 * §3.2.1), a negative one (NXDOMAIN or no data) for the SOA's TTL and minimum, whichever is smaller
 * (RFC 2308 §5), and never longer than {@link #MAX_TTL}. A TTL of zero, an answer with no SOA to
 * bound its absence, and failures are not kept. The oldest entries go first past {@code
 * maxEntries}.
 */
final class DnsAnswerCache {

  /**
   * A cap on any TTL, so a record changed by its owner is seen within the hour whatever it says.
   */
  static final Duration MAX_TTL = Duration.ofHours(1);

  private final int maxEntries;
  private final LongSupplier nanoTime;
  private final Map<Key, Entry> entries;

  private record Key(String name, int type) {}

  private record Entry(DnsAnswer answer, long expiresNanos) {}

  DnsAnswerCache(int maxEntries, LongSupplier nanoTime) {
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
    this.entries =
        new LinkedHashMap<>(64, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > DnsAnswerCache.this.maxEntries;
          }
        };
  }

  /** The kept answer for {@code name} (absolute, lower case) and {@code type}; null if none. */
  synchronized DnsAnswer get(String name, int type) {
    Key key = new Key(name, type);
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (nanoTime.getAsLong() - entry.expiresNanos() >= 0) {
      entries.remove(key);
      return null;
    }
    return entry.answer();
  }

  /** Keeps {@code answer}, taken from {@code message}, for as long as the message allows. */
  void put(String name, int type, DnsAnswer answer, Message message) {
    long ttl = ttlSeconds(answer, message);
    if (ttl <= 0) {
      return;
    }
    long expires = nanoTime.getAsLong() + Duration.ofSeconds(ttl).toNanos();
    synchronized (this) {
      entries.put(new Key(name, type), new Entry(answer, expires));
    }
  }

  synchronized int size() {
    return entries.size();
  }

  static long ttlSeconds(DnsAnswer answer, Message message) {
    long ttl = MAX_TTL.toSeconds();
    if (!answer.isEmpty()) {
      for (Record record : message.getSection(Section.ANSWER)) {
        ttl = Math.min(ttl, record.getTTL());
      }
      return ttl;
    }
    // RFC 2308 §5: a negative answer lives as long as its SOA's TTL and minimum field allow.
    for (Record record : message.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return Math.min(ttl, Math.min(soa.getTTL(), soa.getMinimum()));
      }
    }
    return 0;
  }
}
