package dev.mailvault.mailauth.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers are kept for their TTL and no longer, against a real dnsmasq that is then stopped. */
class DnsAnswerCacheTest {

  @TempDir Path work;

  private final AtomicLong now = new AtomicLong(5_000_000_000L);

  @Test
  void aCachedClientAnswersFromMemoryUntilTheTtlRunsOut() throws Exception {
    DnsmasqZone zone = new DnsmasqZone().ttl(300).mx("kept.test", "mx.kept.test", 10).start(work);
    DnsClient client = zone.client().cached(now::get);
    DnsAnswer first;
    try {
      first = client.query("kept.test", Type.MX);
    } finally {
      zone.close();
    }
    assertThat(first.records()).hasSize(1);

    // The server is gone: within the TTL the answer still comes, from memory.
    now.addAndGet(Duration.ofSeconds(299).toNanos());
    assertThat(client.query("KEPT.test.", Type.MX)).isEqualTo(first);

    // Past it, the client asks again and finds no server.
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThatThrownBy(() -> client.query("kept.test", Type.MX))
        .isInstanceOf(DnsTemporaryException.class);
  }

  @Test
  void aZeroTtlIsNotKept() throws Exception {
    DnsmasqZone zone = new DnsmasqZone().mx("brief.test", "mx.brief.test", 10).start(work);
    DnsClient client = zone.client().cached(now::get);
    try {
      assertThat(client.query("brief.test", Type.MX).records()).hasSize(1);
    } finally {
      zone.close();
    }
    assertThatThrownBy(() -> client.query("brief.test", Type.MX))
        .isInstanceOf(DnsTemporaryException.class);
  }

  @Test
  void aPositiveAnswerLivesAsLongAsItsShortestRecordCappedAtAnHour() throws Exception {
    Name name = Name.fromString("host.example.");
    Message message = new Message();
    message.addRecord(a(name, 600, "192.0.2.1"), Section.ANSWER);
    message.addRecord(a(name, 120, "192.0.2.2"), Section.ANSWER);
    DnsAnswer answer = new DnsAnswer(message.getSection(Section.ANSWER), false, false);
    assertThat(DnsAnswerCache.ttlSeconds(answer, message)).isEqualTo(120);

    Message long_ = new Message();
    long_.addRecord(a(name, 86_400, "192.0.2.1"), Section.ANSWER);
    DnsAnswer day = new DnsAnswer(long_.getSection(Section.ANSWER), false, false);
    assertThat(DnsAnswerCache.ttlSeconds(day, long_)).isEqualTo(3600);
  }

  @Test
  void aNegativeAnswerLivesForTheSoaTtlOrMinimumAndWithoutSoaNotAtAll() throws Exception {
    Name zone = Name.fromString("example.");
    Message message = new Message();
    message.addRecord(
        new SOARecord(
            zone,
            DClass.IN,
            900,
            Name.fromString("ns.example."),
            Name.fromString("hostmaster.example."),
            1,
            3600,
            600,
            86_400,
            300),
        Section.AUTHORITY);
    DnsAnswer none = new DnsAnswer(List.of(), false, true);
    assertThat(DnsAnswerCache.ttlSeconds(none, message)).isEqualTo(300);
    assertThat(DnsAnswerCache.ttlSeconds(none, new Message())).isZero();
  }

  @Test
  void theOldestEntriesGoFirstPastTheBound() throws Exception {
    DnsAnswerCache cache = new DnsAnswerCache(2, now::get);
    Message message = new Message();
    Record record = a(Name.fromString("h.example."), 60, "192.0.2.1");
    message.addRecord(record, Section.ANSWER);
    DnsAnswer answer = new DnsAnswer(List.of(record), false, false);

    cache.put("a.example.", Type.A, answer, message);
    cache.put("b.example.", Type.A, answer, message);
    cache.put("c.example.", Type.A, answer, message);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a.example.", Type.A)).isNull();
    assertThat(cache.get("c.example.", Type.A)).isEqualTo(answer);
  }

  private static ARecord a(Name name, long ttl, String address) throws Exception {
    return new ARecord(name, DClass.IN, ttl, InetAddress.getByName(address));
  }
}
