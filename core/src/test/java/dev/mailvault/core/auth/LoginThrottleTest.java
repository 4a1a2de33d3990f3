package dev.mailvault.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.core.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final ClientNetwork HOME = net("192.0.2.1");
  private static final ClientNetwork ATTACKER = net("198.51.100.7");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottle.Policy(
              Duration.ofMillis(500),
              Duration.ofSeconds(8),
              Duration.ofMinutes(15),
              5,
              12,
              Duration.ofMinutes(15),
              8,
              Duration.ofSeconds(3),
              Duration.ofDays(30)),
          clock);

  private static ClientNetwork net(String address) {
    try {
      return ClientNetwork.of(InetAddress.getByName(address));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private void fail(int times, String login, ClientNetwork network) {
    for (int i = 0; i < times; i++) {
      throttle.failed(login, network);
    }
  }

  @Test
  void theDelayDoublesWithEachFailureUpToTheMaximum() {
    LoginThrottle roomy =
        new LoginThrottle(
            new LoginThrottle.Policy(
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                Duration.ofMinutes(15),
                100,
                100,
                Duration.ofMinutes(15),
                100,
                Duration.ofSeconds(3),
                Duration.ofDays(30)),
            clock);
    String a = "a@example.com";
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofMillis(500));
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofSeconds(4));
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofSeconds(8));
    assertThat(roomy.failed(a, HOME).delay()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void anAttackerBlocksOnlyItsOwnNetworkOnTheAccount() {
    fail(4, "a@example.com", ATTACKER);
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isFalse();
    LoginThrottle.Failure fifth = throttle.failed("a@example.com", ATTACKER);
    assertThat(fifth.blockStarted()).isEqualTo(LoginThrottle.Scope.ACCOUNT_FROM_NETWORK);
    assertThat(fifth.blockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isTrue();
    assertThat(throttle.admit("a@example.com", HOME).blocked()).isFalse();
    assertThat(throttle.admit("b@example.com", ATTACKER).blocked()).isFalse();
  }

  @Test
  void attemptsDuringABlockNeitherCountNorExtendIt() {
    fail(5, "a@example.com", ATTACKER);
    // One try every 14 minutes used to keep the account locked for good.
    clock.advance(Duration.ofMinutes(14));
    LoginThrottle.Failure during = throttle.failed("a@example.com", ATTACKER);
    assertThat(during.blockStarted()).isNull();
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isFalse();
    // The count starts again from nothing: the first failure after a block does not re-block.
    LoginThrottle.Failure after = throttle.failed("a@example.com", ATTACKER);
    assertThat(after.blockStarted()).isNull();
    assertThat(after.delay()).isEqualTo(Duration.ofMillis(500));
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isFalse();
  }

  @Test
  void quotedAndDifferentlyCasedSpellingsShareOneCount() {
    fail(2, "\"a\"@example.com", ATTACKER);
    fail(2, "A@EXAMPLE.COM", ATTACKER);
    assertThat(throttle.admit("a@example.com", ATTACKER).blocked()).isFalse();
    throttle.failed("a@Example.com", ATTACKER);
    assertThat(throttle.admit("\"A\"@example.com", ATTACKER).blocked()).isTrue();
  }

  @Test
  void addressesInOneIpv6Slash64AreOneNetwork() {
    for (int i = 1; i <= 5; i++) {
      throttle.failed("a@example.com", net("2001:db8:1:2::" + Integer.toHexString(i)));
    }
    assertThat(throttle.admit("a@example.com", net("2001:db8:1:2:ffff::1")).blocked()).isTrue();
    assertThat(throttle.admit("a@example.com", net("2001:db8:1:3::1")).blocked()).isFalse();
  }

  @Test
  void aNetworkSprayingManyAccountsIsBlockedForAll() {
    for (int i = 0; i < 11; i++) {
      throttle.failed("user" + i + "@example.com", ATTACKER);
    }
    assertThat(throttle.admit("someone@example.com", ATTACKER).blocked()).isFalse();
    LoginThrottle.Failure twelfth = throttle.failed("user11@example.com", ATTACKER);
    assertThat(twelfth.blockStarted()).isEqualTo(LoginThrottle.Scope.NETWORK);
    assertThat(throttle.admit("someone@example.com", ATTACKER).blocked()).isTrue();
    assertThat(throttle.admit("someone@example.com", HOME).blocked()).isFalse();
  }

  @Test
  void manyNetworksSlowTheAccountDownButNotTheOwnersUsualNetwork() {
    throttle.succeeded("a@example.com", HOME);
    for (int n = 1; n <= 3; n++) {
      fail(3, "a@example.com", net("198.51.100." + n));
    }
    // 9 failures on the account, 8 allowed: strangers wait, growing with each failure, capped.
    ClientNetwork stranger = net("203.0.113.50");
    assertThat(throttle.admit("a@example.com", stranger))
        .isEqualTo(new LoginThrottle.Admission(false, Duration.ofSeconds(1)));
    fail(3, "a@example.com", net("198.51.100.9"));
    assertThat(throttle.admit("a@example.com", stranger).delay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(throttle.admit("a@example.com", HOME))
        .isEqualTo(new LoginThrottle.Admission(false, Duration.ZERO));
    // A slowdown, never a block: the owner from a new network gets in late.
    assertThat(throttle.admit("a@example.com", stranger).blocked()).isFalse();
    // The owner's usual network is familiar for the configured time after its last success.
    clock.advance(Duration.ofDays(31));
    for (int n = 1; n <= 3; n++) {
      fail(3, "a@example.com", net("198.51.100." + n));
    }
    assertThat(throttle.admit("a@example.com", HOME).delay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void failuresFadeAfterTheWindowAndASuccessForgetsThem() {
    fail(2, "a@example.com", HOME);
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.failed("a@example.com", HOME).delay()).isEqualTo(Duration.ofMillis(500));
    throttle.failed("a@example.com", HOME);
    throttle.succeeded("a@example.com", HOME);
    assertThat(throttle.failed("a@example.com", HOME).delay()).isEqualTo(Duration.ofMillis(500));
  }
}
