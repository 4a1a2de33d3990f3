package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.core.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two front-ends, each with its own {@link LoginThrottle}, over one directory database (ADR 0282):
 * what a guesser does on one counts on the other. Run against SQLite and PostgreSQL.
 */
abstract class SharedLoginThrottleContract {

  static final String LOGIN = "Victim@Example.COM";
  static final String GUESSER_IP = "203.0.113.77";
  static final String OWNER_IP = "198.51.100.23";

  static final LoginThrottle.Policy POLICY =
      new LoginThrottle.Policy(
          Duration.ofMillis(500),
          Duration.ofSeconds(8),
          Duration.ofMinutes(15),
          3,
          5,
          Duration.ofMinutes(15),
          100,
          Duration.ofSeconds(5),
          Duration.ofDays(30));

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  LoginThrottleState stateA;
  LoginThrottleState stateB;
  LoginThrottle a;
  LoginThrottle b;

  /** Two states over one database, as two front-ends would hold them. */
  abstract LoginThrottleState[] twoFrontEnds() throws Exception;

  /** How many throttle rows the database holds. */
  abstract long rows() throws Exception;

  @BeforeEach
  void frontEnds() throws Exception {
    LoginThrottleState[] states = twoFrontEnds();
    stateA = states[0];
    stateB = states[1];
    a = new LoginThrottle(POLICY, clock, stateA);
    b = new LoginThrottle(POLICY, clock, stateB);
  }

  static ClientNetwork network(String ip) throws Exception {
    return ClientNetwork.of(InetAddress.getByName(ip));
  }

  @Test
  void aGuesserBlockedOnOneFrontEndIsBlockedOnTheOther() throws Exception {
    ClientNetwork guesser = network(GUESSER_IP);
    a.failed(LOGIN, guesser);
    b.failed(LOGIN, guesser);
    LoginThrottle.Failure third = a.failed(LOGIN, guesser);

    assertThat(third.blockStarted()).isEqualTo(LoginThrottle.Scope.ACCOUNT_FROM_NETWORK);
    assertThat(b.admit(LOGIN, guesser).blocked()).isTrue();
    assertThat(b.admit("victim@example.com", guesser).blocked()).isTrue();
    assertThat(a.admit(LOGIN, guesser).blocked()).isTrue();
    // The owner, elsewhere, is not affected on either.
    assertThat(b.admit(LOGIN, network(OWNER_IP)).blocked()).isFalse();
  }

  @Test
  void sprayingOverAccountsThroughBothFrontEndsBlocksTheNetworkOnBoth() throws Exception {
    ClientNetwork sprayer = network(GUESSER_IP);
    LoginThrottle.Failure last = null;
    for (int i = 0; i < 5; i++) {
      last = (i % 2 == 0 ? a : b).failed("user" + i + "@example.com", sprayer);
    }

    assertThat(last.blockStarted()).isEqualTo(LoginThrottle.Scope.NETWORK);
    assertThat(a.admit("someone-else@example.com", sprayer).blocked()).isTrue();
    assertThat(b.admit("someone-else@example.com", sprayer).blocked()).isTrue();
  }

  @Test
  void aSuccessOnOneFrontEndClearsTheCountOnBoth() throws Exception {
    ClientNetwork owner = network(OWNER_IP);
    a.failed(LOGIN, owner);
    LoginThrottle.Failure second = a.failed(LOGIN, owner);
    assertThat(second.delay()).isEqualTo(Duration.ofSeconds(1));

    b.succeeded(LOGIN, owner);

    // The count restarted: the next failure on A is a first failure again, and the network is
    // familiar on A too.
    assertThat(a.failed(LOGIN, owner).delay()).isEqualTo(Duration.ofMillis(500));
    a.failed(LOGIN, owner);
    assertThat(a.admit(LOGIN, owner).blocked()).isFalse();
  }

  @Test
  void blocksEndAndCountsFadeOnBothAndExpiredRowsAreSwept() throws Exception {
    ClientNetwork guesser = network(GUESSER_IP);
    for (int i = 0; i < 3; i++) {
      a.failed(LOGIN, guesser);
    }
    assertThat(b.admit(LOGIN, guesser).blocked()).isTrue();
    assertThat(rows()).isPositive();

    clock.advance(Duration.ofMinutes(15));
    assertThat(b.admit(LOGIN, guesser).blocked()).isFalse();
    assertThat(a.admit(LOGIN, guesser).blocked()).isFalse();
    // The block ended, so the count restarts: one failure is a first failure.
    assertThat(b.failed(LOGIN, guesser).delay()).isEqualTo(Duration.ofMillis(500));

    clock.advance(Duration.ofMinutes(16));
    a.failed("other@example.com", network(OWNER_IP)); // a failure sweeps
    // Left: the fresh failure's three rows; everything of the guesser has gone.
    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void concurrentUpdatesFromBothFrontEndsAreAllCounted() throws Exception {
    int each = 40;
    Instant now = clock.instant();
    Thread[] threads = new Thread[2];
    Throwable[] failure = new Throwable[1];
    LoginThrottleState[] states = {stateA, stateB};
    for (int t = 0; t < 2; t++) {
      LoginThrottleState state = states[t];
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  state.update(
                      LoginThrottleState.Kind.NETWORK,
                      "198.51.100.0/32",
                      old ->
                          new LoginThrottleState.Entry(
                              old == null ? 1 : old.failures() + 1, now, null),
                      e -> now.plusSeconds(600));
                }
              });
      threads[t].setUncaughtExceptionHandler((thread, e) -> failure[0] = e);
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failure[0]).isNull();
    assertThat(stateB.get(LoginThrottleState.Kind.NETWORK, "198.51.100.0/32").failures())
        .isEqualTo(2 * each);
  }
}
