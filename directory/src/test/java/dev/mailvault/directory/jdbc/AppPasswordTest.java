package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.auth.Totp;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.AppPasswordException;
import dev.mailvault.directory.AppPasswordInfo;
import dev.mailvault.directory.AppPasswords;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App-specific passwords (ADR 0266) and the alias's TOTP secret (ADR 0267) in a real directory. */
class AppPasswordTest {

  private static final String LOGIN = "hello@example.com";
  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @TempDir Path data;
  private final CountingKdf kdf = new CountingKdf();
  private Directory directory;
  private SecretBytes dataKey;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, kdf);
    directory.addDomain(domain("example.com"));
    try (NewAlias alias = directory.addAlias(address(LOGIN), PASSWORD)) {
      dataKey = SecretBytes.copyOf(alias.dataKey().bytes());
    }
  }

  @AfterEach
  void close() {
    directory.close();
  }

  private NewAppPassword add(String label) throws Exception {
    try (UnlockedAlias unlocked = directory.unlock(LOGIN, PASSWORD)) {
      return directory.addAppPassword(unlocked, label);
    }
  }

  @Test
  void anAppPasswordUnlocksTheSameKeysWithoutArgon2id() throws Exception {
    try (NewAppPassword app = add("phone")) {
      String typed = new String(app.password());
      assertThat(typed).matches("[0-9a-z]{5}(-[0-9a-z]{5}){3}");
      int before = kdf.derivations();
      try (UnlockedAlias unlocked = directory.unlock(LOGIN, app.password())) {
        assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
        assertThat(unlocked.spoolPrivateKey().length()).isPositive();
      }
      // Typed without dashes, in capitals, with o for 0: the same password.
      String sloppy = typed.replace("-", "").toUpperCase(Locale.ROOT).replace('0', 'O');
      try (UnlockedAlias unlocked = directory.unlock(LOGIN, sloppy.toCharArray())) {
        assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
      }
      assertThat(kdf.derivations()).isEqualTo(before);
      assertThat(directory.appPasswords(address(LOGIN)))
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.label()).isEqualTo("phone");
                assertThat(info.lastUsed()).isPresent();
              });
      // My account takes only the main password.
      assertThatThrownBy(() -> directory.unlockMain(LOGIN, app.password()))
          .isInstanceOf(AuthenticationFailedException.class);
      directory.unlockMain(LOGIN, PASSWORD).close();
    }
  }

  @Test
  void aWrongAppShapedPasswordCostsOneDerivationLikeAnUnknownAlias() throws Exception {
    add("phone").close();
    char[] guess = AppPasswords.generate();
    int before = kdf.derivations();
    assertThatThrownBy(() -> directory.unlock(LOGIN, guess))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(kdf.derivations()).isEqualTo(before + 1);
    assertThatThrownBy(() -> directory.unlock("nobody@example.com", guess))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(kdf.derivations()).isEqualTo(before + 2);
  }

  @Test
  void revocationDeletesTheWrap() throws Exception {
    try (NewAppPassword phone = add("phone");
        NewAppPassword laptop = add("laptop")) {
      assertThat(directory.revokeAppPassword(address(LOGIN), phone.info().id())).isTrue();
      assertThat(directory.revokeAppPassword(address(LOGIN), phone.info().id())).isFalse();
      assertThatThrownBy(() -> directory.unlock(LOGIN, phone.password()))
          .isInstanceOf(AuthenticationFailedException.class);
      directory.unlock(LOGIN, laptop.password()).close();
      assertThat(directory.appPasswords(address(LOGIN)))
          .extracting(AppPasswordInfo::label)
          .containsExactly("laptop");
    }
  }

  @Test
  void aPasswordChangeKeepsAppPasswordsAndAResetRemovesThem() throws Exception {
    try (NewAppPassword app = add("phone")) {
      char[] changed = "purple monkey dishwasher".toCharArray();
      directory.changePassword(address(LOGIN), PASSWORD, changed);
      directory.unlock(LOGIN, app.password()).close();

      directory.resetPassword(address(LOGIN), "a brand new password".toCharArray()).close();
      assertThatThrownBy(() -> directory.unlock(LOGIN, app.password()))
          .isInstanceOf(AuthenticationFailedException.class);
      assertThat(directory.appPasswords(address(LOGIN))).isEmpty();
    }
  }

  @Test
  void labelsAreCheckedAndTheCountIsBounded() throws Exception {
    assertThatThrownBy(() -> add(" ")).isInstanceOf(AppPasswordException.class);
    assertThatThrownBy(() -> add("x".repeat(65))).isInstanceOf(AppPasswordException.class);
    for (int i = 0; i < AppPasswordStorage.MAX_PER_ALIAS; i++) {
      add("device " + i).close();
    }
    assertThatThrownBy(() -> add("one more")).isInstanceOf(AppPasswordException.class);
  }

  @Test
  void noAppPasswordOrTotpSecretReachesTheDirectoryFile() throws Exception {
    Fixtures.assumeSqliteFile("scans the file for secrets");
    byte[] secret = Totp.newSecret();
    try (NewAppPassword app = add("phone");
        UnlockedAlias unlocked = directory.unlock(LOGIN, PASSWORD)) {
      directory.enableTotp(unlocked, secret, 0);
      String typed = new String(app.password());
      for (String form : new String[] {typed, typed.replace("-", "")}) {
        assertThat(FileScan.filesContaining(data, form.getBytes(StandardCharsets.US_ASCII)))
            .isEmpty();
      }
      assertThat(FileScan.filesContaining(data, secret)).isEmpty();
      assertThat(FileScan.filesContaining(data, dataKey.bytes())).isEmpty();
    }
  }

  @Test
  void totpIsSealedUnderTheDataKeyAndACodeWorksOnce() throws Exception {
    byte[] secret = Totp.newSecret();
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    try (UnlockedAlias unlocked = directory.unlock(LOGIN, PASSWORD)) {
      assertThat(directory.totpEnabled(address(LOGIN))).isFalse();
      assertThat(directory.verifyTotp(unlocked, "123456", now)).isFalse();
      directory.enableTotp(unlocked, secret, Totp.step(now) - 5);
      assertThat(directory.totpEnabled(address(LOGIN))).isTrue();
      String code = Totp.code(secret, Totp.step(now));
      assertThat(directory.verifyTotp(unlocked, code, now)).isTrue();
      assertThat(directory.verifyTotp(unlocked, code, now)).isFalse();
      String wrong = code.equals("000000") ? "111111" : "000000";
      assertThat(directory.verifyTotp(unlocked, wrong, now.plusSeconds(30))).isFalse();
    }
    // A change keeps it (same data key); a reset removes it.
    directory.changePassword(address(LOGIN), PASSWORD, "purple monkey dishwasher".toCharArray());
    assertThat(directory.totpEnabled(address(LOGIN))).isTrue();
    assertThat(directory.disableTotp(address(LOGIN))).isTrue();
    assertThat(directory.totpEnabled(address(LOGIN))).isFalse();
    try (UnlockedAlias unlocked =
        directory.unlock(LOGIN, "purple monkey dishwasher".toCharArray())) {
      directory.enableTotp(unlocked, secret, 0);
    }
    directory.resetPassword(address(LOGIN), "a brand new password".toCharArray()).close();
    assertThat(directory.totpEnabled(address(LOGIN))).isFalse();
  }
}
