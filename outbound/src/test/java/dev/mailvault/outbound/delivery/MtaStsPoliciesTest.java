package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.outbound.testing.MtaStsServer;
import dev.mailvault.outbound.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8461 §3 and §5.1: policy discovery over DNS and HTTPS, and the cache by id and max_age. */
class MtaStsPoliciesTest {

  @TempDir Path directory;

  private DnsmasqZone zone;
  private MtaStsServer server;

  @AfterEach
  void stop() throws Exception {
    if (zone != null) {
      zone.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPolicyIsFetchedOnceAndKeptUntilItsMaxAge() throws Exception {
    TestCa ca = TestCa.create("STS CA");
    server =
        new MtaStsServer("127.0.0.1", ca.issue("mta-sts.cached.test"))
            .policy(
                "cached.test",
                "version: STSv1\nmode: enforce\nmx: mx.cached.test\nmax_age: 3600\n");
    zone =
        new DnsmasqZone()
            .txt("_mta-sts.cached.test", "v=STSv1; id=abc1")
            .host("mta-sts.cached.test", "127.0.0.1")
            .start(Files.createDirectories(directory.resolve("dns")));
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    MtaStsPolicies policies = policies(ca, clock);

    Optional<MtaStsPolicy> first = policies.policyFor("cached.test");
    Optional<MtaStsPolicy> second = policies.policyFor("cached.test");

    assertThat(first)
        .hasValueSatisfying(p -> assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE));
    assertThat(second).isEqualTo(first);
    assertThat(server.requests("cached.test")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(3600));
    assertThat(policies.policyFor("cached.test")).isEqualTo(first);
    assertThat(server.requests("cached.test")).isEqualTo(2);
  }

  @Test
  void aCertificateForAnotherNameYieldsNoPolicy() throws Exception {
    TestCa ca = TestCa.create("STS CA");
    server =
        new MtaStsServer("127.0.0.1", ca.issue("mta-sts.elsewhere.test"))
            .policy(
                "forged.test",
                "version: STSv1\nmode: enforce\nmx: mx.forged.test\nmax_age: 3600\n");
    zone =
        new DnsmasqZone()
            .txt("_mta-sts.forged.test", "v=STSv1; id=1")
            .host("mta-sts.forged.test", "127.0.0.1")
            .start(Files.createDirectories(directory.resolve("dns")));

    assertThat(policies(ca, new MutableClock(Instant.EPOCH)).policyFor("forged.test")).isEmpty();
    assertThat(server.requests("forged.test")).isZero();
  }

  @Test
  void noTxtRecordMeansNoPolicyAndNoRequest() throws Exception {
    TestCa ca = TestCa.create("STS CA");
    server =
        new MtaStsServer("127.0.0.1", ca.issue("mta-sts.quiet.test"))
            .policy(
                "quiet.test", "version: STSv1\nmode: enforce\nmx: mx.quiet.test\nmax_age: 3600\n");
    zone =
        new DnsmasqZone()
            .host("mta-sts.quiet.test", "127.0.0.1")
            .start(Files.createDirectories(directory.resolve("dns")));

    assertThat(policies(ca, new MutableClock(Instant.EPOCH)).policyFor("quiet.test")).isEmpty();
    assertThat(server.requests("quiet.test")).isZero();
  }

  private MtaStsPolicies policies(TestCa ca, Clock clock) throws Exception {
    TlsUpgrade tls = new TlsUpgrade(Optional.of(ca.trustStore()));
    return new MtaStsPolicies(
        zone.client(), tls.pkixContext(), server.port(), Duration.ofSeconds(30), clock);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
