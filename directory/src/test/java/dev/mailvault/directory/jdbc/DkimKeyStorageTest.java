package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.DkimKeyState;
import dev.mailvault.directory.UnknownDomainException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domains' DKIM keys: stored as given, rotated in one step, removed with their domain. */
class DkimKeyStorageTest {

  private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");

  @TempDir Path data;

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private Directory open() throws Exception {
    return Fixtures.open(
        data, new DirectoryOptions(new CountingKdf(), Fixtures.FAST).withClock(clock));
  }

  private static DkimKeyRecord key(String selector, String algorithm, Instant created) {
    return DkimKeyRecord.active(
        selector,
        algorithm,
        ("spki of " + selector).getBytes(StandardCharsets.US_ASCII),
        ("sealed " + selector).getBytes(StandardCharsets.US_ASCII),
        created);
  }

  @Test
  void keysComeBackAsStoredAfterReopening() throws Exception {
    List<DkimKeyRecord> pair =
        List.of(key("ed-0a1b2c3d", "ed25519", T0), key("rsa-4e5f6a7b", "rsa", T0));
    try (Directory directory = open()) {
      directory.addDomain(domain("example.com"));
      directory.addDomain(domain("example.org"));
      directory.addDkimKeys(domain("example.com"), pair);
    }
    try (Directory directory = open()) {
      assertThat(directory.dkimKeys(domain("Example.COM"))).containsExactlyElementsOf(pair);
      assertThat(directory.dkimKeys(domain("example.org"))).isEmpty();
    }
  }

  @Test
  void rotationRetiresTheActiveKeysAndForgetsLongRetiredOnes() throws Exception {
    try (Directory directory = open()) {
      directory.addDomain(domain("example.com"));
      directory.addDkimKeys(domain("example.com"), List.of(key("ed-00000001", "ed25519", T0)));

      Instant t1 = T0.plus(Duration.ofDays(30));
      now.set(t1);
      directory.rotateDkimKeys(
          domain("example.com"), List.of(key("ed-00000002", "ed25519", t1)), t1.minusSeconds(1));
      assertThat(directory.dkimKeys(domain("example.com")))
          .extracting(DkimKeyRecord::selector, DkimKeyRecord::state, DkimKeyRecord::retired)
          .containsExactly(
              tuple("ed-00000001", DkimKeyState.RETIRED, Optional.of(t1)),
              tuple("ed-00000002", DkimKeyState.ACTIVE, Optional.empty()));

      // The next rotation forgets the first key (retired before the cut-off), retires the second.
      Instant t2 = t1.plus(Duration.ofDays(30));
      now.set(t2);
      directory.rotateDkimKeys(
          domain("example.com"), List.of(key("ed-00000003", "ed25519", t2)), t1.plusSeconds(1));
      assertThat(directory.dkimKeys(domain("example.com")))
          .extracting(DkimKeyRecord::selector, DkimKeyRecord::state)
          .containsExactly(
              tuple("ed-00000002", DkimKeyState.RETIRED),
              tuple("ed-00000003", DkimKeyState.ACTIVE));
    }
  }

  @Test
  void removingTheDomainRemovesItsKeys() throws Exception {
    try (Directory directory = open()) {
      directory.addDomain(domain("example.com"));
      directory.addAlias(address("a@example.com")).close();
      directory.addDkimKeys(domain("example.com"), List.of(key("rsa-00000001", "rsa", T0)));

      directory.removeDomain(domain("example.com"), true);
      assertThatThrownBy(() -> directory.dkimKeys(domain("example.com")))
          .isInstanceOf(UnknownDomainException.class);

      // Added again, the domain starts without keys: none of the old ones came back.
      directory.addDomain(domain("example.com"));
      assertThat(directory.dkimKeys(domain("example.com"))).isEmpty();
    }
  }

  @Test
  void keysOfAnUnknownDomainAreRefused() throws Exception {
    try (Directory directory = open()) {
      assertThatThrownBy(
              () ->
                  directory.addDkimKeys(
                      domain("nowhere.example"), List.of(key("ed-00000001", "ed25519", T0))))
          .isInstanceOf(UnknownDomainException.class);
    }
  }
}
