package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final List<SmtpSession> ended = new ArrayList<>();
  private ServerSocket listener;
  private InetAddress loopback;
  private IdleConnections idle;

  @BeforeEach
  void listen() throws IOException {
    loopback = InetAddress.getByName("127.0.0.1");
    listener = new ServerSocket(0, 50, loopback);
    idle = new IdleConnections(Duration.ofSeconds(2), 2, now::get, ended::add);
  }

  @AfterEach
  void stop() throws IOException {
    idle.close();
    listener.close();
  }

  @Test
  void aParkedSessionIsTakenBackByTheNextMessageToItsDomain() throws IOException {
    SmtpSession session = session(TlsRequirement.opportunistic("mx.example"));

    assertThat(idle.park("example.test", session)).isTrue();
    now.addAndGet(SECOND);

    assertThat(idle.take("example.test", loopback, TlsRequirement.opportunistic("mx.example")))
        .containsSame(session);
    assertThat(idle.size()).isZero();
    assertThat(ended).isEmpty();
  }

  @Test
  void aSessionServesOnlyTheSameDomainAddressAndTlsChecks() throws IOException {
    idle.park("example.test", session(TlsRequirement.opportunistic("mx.example")));
    TlsRequirement pkix =
        new TlsRequirement(TlsRequirement.Mode.PKIX, "mx.example", List.of(), "MTA-STS");

    assertThat(idle.take("other.test", loopback, TlsRequirement.opportunistic("mx.example")))
        .isEmpty();
    assertThat(idle.take("example.test", loopback, pkix)).isEmpty();
    assertThat(
            idle.take(
                "example.test",
                InetAddress.getByName("127.0.0.2"),
                TlsRequirement.opportunistic("mx.example")))
        .isEmpty();
    assertThat(idle.size()).isEqualTo(1);
  }

  @Test
  void aSessionThatWaitedTooLongIsEndedNotReused() throws IOException {
    SmtpSession session = session(TlsRequirement.opportunistic("mx.example"));
    idle.park("example.test", session);
    now.addAndGet(2 * SECOND);

    assertThat(idle.take("example.test", loopback, TlsRequirement.opportunistic("mx.example")))
        .isEmpty();
    assertThat(ended).containsExactly(session);
  }

  @Test
  void theSweepEndsExpiredSessionsAndKeepsFreshOnes() throws IOException {
    SmtpSession old = session(TlsRequirement.opportunistic("mx.example"));
    idle.park("example.test", old);
    now.addAndGet(SECOND + SECOND / 2);
    SmtpSession fresh = session(TlsRequirement.opportunistic("mx.example"));
    idle.park("example.test", fresh);
    now.addAndGet(SECOND);

    idle.sweep();

    assertThat(ended).containsExactly(old);
    assertThat(idle.size()).isEqualTo(1);
  }

  @Test
  void aDomainKeepsNoMoreIdleSessionsThanItsConnectionBound() throws IOException {
    assertThat(idle.park("example.test", session(TlsRequirement.opportunistic("a")))).isTrue();
    assertThat(idle.park("example.test", session(TlsRequirement.opportunistic("b")))).isTrue();

    assertThat(idle.park("example.test", session(TlsRequirement.opportunistic("c")))).isFalse();
    assertThat(idle.park("other.test", session(TlsRequirement.opportunistic("d")))).isTrue();
  }

  @Test
  void aSessionPastItsLifetimeIsNotKept() throws IOException {
    SmtpSession session = session(TlsRequirement.opportunistic("mx.example"));
    now.addAndGet(IdleConnections.MAX_AGE.toNanos());

    assertThat(idle.park("example.test", session)).isFalse();
  }

  @Test
  void noIdleTimeKeepsNothing() throws IOException {
    try (IdleConnections off = new IdleConnections(Duration.ZERO, 2, now::get, ended::add)) {
      assertThat(off.park("example.test", session(TlsRequirement.opportunistic("mx")))).isFalse();
    }
  }

  @Test
  void closingEndsEveryWaitingSessionAndKeepsNoMore() throws IOException {
    SmtpSession first = session(TlsRequirement.opportunistic("a"));
    SmtpSession second = session(TlsRequirement.opportunistic("b"));
    idle.park("example.test", first);
    idle.park("other.test", second);

    idle.close();

    assertThat(ended).containsExactlyInAnyOrder(first, second);
    assertThat(idle.park("example.test", session(TlsRequirement.opportunistic("c")))).isFalse();
  }

  private SmtpSession session(TlsRequirement requirement) throws IOException {
    SmtpConnection connection =
        SmtpConnection.open(
            new InetSocketAddress(loopback, listener.getLocalPort()), Duration.ofSeconds(10));
    return new SmtpSession(connection, EhloCapabilities.none(), loopback, requirement, now.get());
  }
}
