package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnlockTest {

  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @TempDir Path data;
  private final CountingKdf kdf = new CountingKdf();
  private Directory directory;
  private NewAlias alias;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, kdf);
    directory.addDomain(domain("example.com"));
    directory.addAlias(address("disabled@example.com"), PASSWORD).close();
    directory.setEnabled(address("disabled@example.com"), false);
    alias = directory.addAlias(address("hello@example.com"), PASSWORD);
    kdf.reset();
  }

  @AfterEach
  void close() {
    alias.close();
    directory.close();
  }

  @Test
  void theRightPasswordUnwrapsTheDataKeyWithOneDerivation() throws Exception {
    try (UnlockedAlias unlocked = directory.unlock("Hello@Example.COM", PASSWORD)) {
      assertThat(unlocked.vaultId()).isEqualTo(alias.vaultId());
      assertThat(unlocked.address()).isEqualTo(address("hello@example.com"));
      assertThat(unlocked.dataKey().contentEquals(alias.dataKey())).isTrue();
      assertThat(unlocked.spoolPrivateKey().length()).isEqualTo(97);
      assertThat(unlocked.toString()).doesNotContain("hello");
    }
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  @Test
  void everyFailureLooksTheSameAndCostsOneDerivationWithTheSameParameters() {
    Throwable wrongPassword = failure("hello@example.com", "wrong horse battery");
    Throwable unknownAlias = failure("nobody@example.com", "correct horse battery");
    Throwable disabled = failure("disabled@example.com", "correct horse battery");
    Throwable malformed = failure("not an address", "correct horse battery");

    for (Throwable t : new Throwable[] {wrongPassword, unknownAlias, disabled, malformed}) {
      assertThat(t)
          .isExactlyInstanceOf(AuthenticationFailedException.class)
          .hasMessage("authentication failed")
          .hasNoCause();
    }
    assertThat(kdf.derivations()).isEqualTo(4);
    assertThat(kdf.paramsUsed()).containsOnly(Fixtures.FAST);
  }

  @Test
  void anUnknownAliasCostsExactlyOneDerivation() {
    failure("nobody@example.com", "correct horse battery");
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordCostsExactlyOneDerivation() {
    failure("hello@example.com", "wrong horse battery");
    assertThat(kdf.derivations()).isEqualTo(1);
  }

  private Throwable failure(String login, String password) {
    Throwable t = catchThrowable(() -> directory.unlock(login, password.toCharArray()).close());
    assertThat(t).isNotNull();
    return t;
  }
}
