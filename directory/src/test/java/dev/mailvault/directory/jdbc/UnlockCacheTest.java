package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0185: a re-login within the idle time skips Argon2id, and nothing else changes. */
class UnlockCacheTest {

  private static final char[] PASSWORD = "correct horse battery".toCharArray();
  private static final char[] NEW = "a brand new passphrase".toCharArray();
  private static final String LOGIN = "hello@example.com";
  private static final Duration IDLE = Duration.ofSeconds(300);

  @TempDir Path data;
  private final CountingKdf kdf = new CountingKdf();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
  private Directory directory;
  private SecretBytes dataKey;

  @BeforeEach
  void open() throws Exception {
    open(new UnlockCachePolicy(IDLE, 2));
  }

  private void open(UnlockCachePolicy policy) throws Exception {
    if (directory != null) {
      directory.close();
    }
    directory =
        Fixtures.open(
            data,
            new DirectoryOptions(kdf, Fixtures.FAST).withUnlockCache(policy).withClock(clock));
    if (directory.listDomains().isEmpty()) {
      directory.addDomain(domain("example.com"));
      try (var alias = directory.addAlias(address(LOGIN), PASSWORD)) {
        dataKey = alias.dataKey().apply(SecretBytes::copyOf);
      }
    }
    kdf.reset();
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void aSecondLoginWithTheRightPasswordRunsNoDerivation() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(1);

    // The first login's keys were closed above: what the cache hands out are its own copies.
    try (UnlockedAlias again = directory.unlock("Hello@Example.COM", PASSWORD)) {
      assertThat(again.dataKey().contentEquals(dataKey)).isTrue();
      assertThat(again.spoolPrivateKey().length()).isEqualTo(97);
      assertThat(again.address()).isEqualTo(address(LOGIN));
    }
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordAfterACachedLoginStillFailsAfterOneDerivation() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    kdf.reset();

    assertThatThrownBy(() -> directory.unlock(LOGIN, "correct horse batterx".toCharArray()))
        .isExactlyInstanceOf(AuthenticationFailedException.class)
        .hasMessage("authentication failed");
    assertThat(kdf.derivations()).isEqualTo(1);
    // The failure did not evict the right password's entry.
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  @Test
  void aPasswordChangeForgetsTheOldPassword() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    directory.changePassword(address(LOGIN), PASSWORD, NEW);
    kdf.reset();

    assertThatThrownBy(() -> directory.unlock(LOGIN, PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class);
    try (UnlockedAlias unlocked = directory.unlock(LOGIN, NEW)) {
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
    }
    assertThat(kdf.derivations()).isEqualTo(2);
  }

  @Test
  void aResetForgetsTheOldVaultsKey() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    directory.resetPassword(address(LOGIN), NEW).close();

    assertThatThrownBy(() -> directory.unlock(LOGIN, PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class);
    try (UnlockedAlias unlocked = directory.unlock(LOGIN, NEW)) {
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isFalse();
    }
  }

  @Test
  void aDisabledAliasFailsEvenWithACachedLogin() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    directory.setEnabled(address(LOGIN), false);
    kdf.reset();

    assertThatThrownBy(() -> directory.unlock(LOGIN, PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(kdf.derivations()).isEqualTo(1);

    directory.setEnabled(address(LOGIN), true);
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).as("disabling forgot the keys").isEqualTo(2);
  }

  @Test
  void aRemovedAliasFails() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    directory.removeAlias(address(LOGIN));

    assertThatThrownBy(() -> directory.unlock(LOGIN, PASSWORD))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void anEntryExpiresTheIdleTimeAfterItsLastUse() throws Exception {
    directory.unlock(LOGIN, PASSWORD).close();
    clock.advance(IDLE.minusSeconds(1));
    directory.unlock(LOGIN, PASSWORD).close();
    clock.advance(IDLE.minusSeconds(1));
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).as("each use restarts the idle time").isEqualTo(1);

    clock.advance(IDLE);
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(2);
  }

  @Test
  void theLeastRecentlyUsedEntryGoesWhenTheCacheIsFull() throws Exception {
    for (String name : new String[] {"b@example.com", "c@example.com"}) {
      directory.addAlias(address(name), PASSWORD).close();
    }
    directory.unlock(LOGIN, PASSWORD).close();
    directory.unlock("b@example.com", PASSWORD).close();
    directory.unlock(LOGIN, PASSWORD).close(); // b is now the least recently used
    directory.unlock("c@example.com", PASSWORD).close();
    kdf.reset();

    directory.unlock(LOGIN, PASSWORD).close();
    directory.unlock("c@example.com", PASSWORD).close();
    assertThat(kdf.derivations()).isZero();
    directory.unlock("b@example.com", PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  @Test
  void turnedOffEveryLoginDerives() throws Exception {
    open(UnlockCachePolicy.OFF);
    directory.unlock(LOGIN, PASSWORD).close();
    directory.unlock(LOGIN, PASSWORD).close();
    assertThat(kdf.derivations()).isEqualTo(2);
  }

  @Test
  void theSweepDestroysExpiredEntriesAndLeavesKeysAlreadyHandedOut() throws Exception {
    try (UnlockCache cache = new UnlockCache(new UnlockCachePolicy(IDLE, 10), clock);
        Directory plain = Fixtures.open(data.resolve("plain"), kdf)) {
      plain.addDomain(domain("example.com"));
      try (var alias = plain.addAlias(address(LOGIN), PASSWORD);
          UnlockedAlias unlocked = plain.unlock(LOGIN, PASSWORD)) {
        AliasRow row = row(alias.vaultId(), wrap());
        byte[] verifier = cache.verifier(row, PASSWORD);
        cache.put(cache.ticket(), verifier, unlocked);
        UnlockedAlias handedOut = cache.lookup(row, verifier);

        clock.advance(IDLE.minusSeconds(1));
        cache.sweep();
        assertThat(cache.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        cache.sweep();
        assertThat(cache.size()).isZero();
        assertThat(cache.lookup(row, verifier)).isNull();
        assertThat(handedOut.dataKey().contentEquals(alias.dataKey())).isTrue();
        handedOut.close();
      }
    }
  }

  @Test
  void theVerifierDependsOnEveryInput() {
    try (UnlockCache cache = new UnlockCache(new UnlockCachePolicy(IDLE, 10), clock)) {
      AliasRow row = row("v1", wrap());
      byte[] base = cache.verifier(row, PASSWORD);
      assertThat(cache.verifier(row("v1", wrap()), PASSWORD)).isEqualTo(base);
      assertThat(cache.verifier(row("v2", wrap()), PASSWORD)).isNotEqualTo(base);
      assertThat(cache.verifier(row, NEW)).isNotEqualTo(base);
      PasswordWrap otherSalt = new PasswordWrap(new byte[] {9}, Fixtures.FAST, new byte[] {2});
      assertThat(cache.verifier(row("v1", otherSalt), PASSWORD)).isNotEqualTo(base);
      try (UnlockCache another = new UnlockCache(new UnlockCachePolicy(IDLE, 10), clock)) {
        assertThat(another.verifier(row, PASSWORD)).as("per-process key").isNotEqualTo(base);
      }
    }
  }

  @Test
  void sweepsComeAtLeastEveryTenthOfTheIdleTimeAndEveryHalfMinute() {
    assertThat(UnlockCache.sweepPeriod(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(30));
    assertThat(UnlockCache.sweepPeriod(Duration.ofSeconds(3600))).isEqualTo(Duration.ofSeconds(30));
    assertThat(UnlockCache.sweepPeriod(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(2));
  }

  private static PasswordWrap wrap() {
    return new PasswordWrap(new byte[] {1}, Fixtures.FAST, new byte[] {2});
  }

  private static AliasRow row(String vaultId, PasswordWrap wrap) {
    return new AliasRow(
        1, 1, address(LOGIN), vaultId, 1, wrap, null, null, true, null, null, null, null);
  }
}
