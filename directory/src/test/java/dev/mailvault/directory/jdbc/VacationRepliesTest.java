package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory behind Sieve's vacation: one reply per sender and handle per :days (ADR 0253). */
class VacationRepliesTest {

  private static final Duration WEEK = Duration.ofDays(7);

  @TempDir Path data;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-10T12:00:00Z"));
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory =
        Fixtures.open(
            data, new DirectoryOptions(new CountingKdf(), Fixtures.FAST).withClock(clock));
    directory.addDomain(domain("example.com"));
    directory.addAlias(address("alice@example.com"));
    directory.addAlias(address("bob@example.com"));
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void oneReplyPerSenderAndHandleUntilThePeriodIsOver() throws Exception {
    assertThat(claim("alice@example.com", "carol@far.example", "")).isTrue();
    assertThat(claim("alice@example.com", "CAROL@far.example", "")).isFalse();
    // Another handle (RFC 5230 §4.3), another sender, another alias: each its own memory.
    assertThat(claim("alice@example.com", "carol@far.example", "conference")).isTrue();
    assertThat(claim("alice@example.com", "dave@far.example", "")).isTrue();
    assertThat(claim("bob@example.com", "carol@far.example", "")).isTrue();

    clock.now = clock.now.plus(WEEK).minusSeconds(1);
    assertThat(claim("alice@example.com", "carol@far.example", "")).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(claim("alice@example.com", "carol@far.example", "")).isTrue();
    assertThat(claim("alice@example.com", "carol@far.example", "")).isFalse();
  }

  @Test
  void theDirectoryFileNeverHoldsTheSendersAddress() throws Exception {
    Fixtures.assumeSqliteFile("scans the file for the sender");
    claim("alice@example.com", "zebediah.sender@faraway.example", "");
    directory.close();

    assertThat(FileScan.allFiles(data)).isNotEmpty();
    assertThat(FileScan.filesContaining(data, bytes("zebediah"))).isEmpty();
    assertThat(FileScan.filesContaining(data, bytes("faraway"))).isEmpty();
    // The scan can see what is there: the alias's own address is stored in the clear.
    assertThat(FileScan.filesContaining(data, bytes("alice@example.com"))).isNotEmpty();
    directory = Fixtures.open(data, new CountingKdf());
  }

  @Test
  void anUnknownAliasIsRefusedAndARemovedAliasTakesItsMemoryAlong() throws Exception {
    assertThatThrownBy(() -> claim("nobody@example.com", "carol@far.example", ""))
        .isInstanceOf(UnknownAliasException.class);
    claim("alice@example.com", "carol@far.example", "");

    directory.removeAlias(address("alice@example.com"));
    directory.addAlias(address("alice@example.com"));

    assertThat(claim("alice@example.com", "carol@far.example", "")).isTrue();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private boolean claim(String alias, String sender, String handle) throws Exception {
    return directory.claimVacationReply(address(alias), sender, handle, WEEK);
  }

  /** A clock the test moves; the directory reads it for every claim. */
  private static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
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
