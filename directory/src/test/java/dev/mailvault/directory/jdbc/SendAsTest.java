package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-alias list of addresses it may send as on submission (ADR 0203). */
class SendAsTest {

  @TempDir Path data;
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
    directory.addDomain(domain("example.com"));
    directory.addAlias(address("alice@example.com"));
    directory.addAlias(address("bob@example.com"));
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void addedAddressesAreListedOnceEachAndCompareCaseInsensitively() throws Exception {
    assertThat(directory.addSendAs(address("alice@example.com"), address("Team@Other.org")))
        .isTrue();
    assertThat(directory.addSendAs(address("ALICE@example.com"), address("team@other.org")))
        .isFalse();
    assertThat(directory.addSendAs(address("alice@example.com"), address("news@other.org")))
        .isTrue();

    assertThat(directory.sendAs(address("alice@example.com")))
        .containsExactly(address("news@other.org"), address("Team@other.org"));
    assertThat(directory.sendAs(address("bob@example.com"))).isEmpty();
  }

  @Test
  void removedAddressesAreGone() throws Exception {
    directory.addSendAs(address("alice@example.com"), address("team@other.org"));

    assertThat(directory.removeSendAs(address("alice@example.com"), address("TEAM@other.org")))
        .isTrue();
    assertThat(directory.removeSendAs(address("alice@example.com"), address("team@other.org")))
        .isFalse();
    assertThat(directory.sendAs(address("alice@example.com"))).isEmpty();
  }

  @Test
  void anUnknownAliasIsRefused() {
    assertThatThrownBy(() -> directory.sendAs(address("nobody@example.com")))
        .isInstanceOf(UnknownAliasException.class);
    assertThatThrownBy(
            () -> directory.addSendAs(address("nobody@example.com"), address("a@other.org")))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void theListGoesWithItsAliasAndSurvivesAReopen() throws Exception {
    directory.addSendAs(address("alice@example.com"), address("team@other.org"));
    directory.addSendAs(address("bob@example.com"), address("bob@other.org"));
    directory.removeAlias(address("alice@example.com"));
    directory.addAlias(address("alice@example.com"));
    directory.close();

    directory = Fixtures.open(data, new CountingKdf());

    assertThat(directory.sendAs(address("alice@example.com"))).isEmpty();
    assertThat(directory.sendAs(address("bob@example.com")))
        .containsExactly(address("bob@other.org"));
    directory.removeDomain(domain("example.com"), true);
  }
}
