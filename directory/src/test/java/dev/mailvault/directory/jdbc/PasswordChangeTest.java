package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.KeyWrap;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.WrapPurpose;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.Usage;
import dev.mailvault.directory.WeakPasswordException;
import dev.mailvault.directory.WrappedDataKey;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordChangeTest {

  private static final char[] OLD = "correct horse battery".toCharArray();
  private static final char[] NEW = "purple monkey dishwasher".toCharArray();

  @TempDir Path data;
  private final CountingKdf kdf = new CountingKdf();
  private Directory directory;
  private String vaultId;
  private SecretBytes dataKey;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, kdf);
    directory.addDomain(domain("example.com"));
    try (NewAlias alias = directory.addAlias(address("hello@example.com"), OLD)) {
      vaultId = alias.vaultId();
      dataKey = SecretBytes.copyOf(alias.dataKey().bytes());
    }
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void aChangeReWrapsTheSameDataKeyAndRetiresTheOldPassword() throws Exception {
    directory.changePassword(address("hello@example.com"), OLD, NEW);

    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", NEW)) {
      assertThat(unlocked.vaultId()).isEqualTo(vaultId);
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
    }
    assertThatThrownBy(() -> directory.unlock("hello@example.com", OLD))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void theWrappedDataKeyRecordFollowsAPasswordChangeAndUnwrapsWithThePassword() throws Exception {
    WrappedDataKey before = directory.wrappedDataKey(address("hello@example.com"));
    directory.changePassword(address("hello@example.com"), OLD, NEW);
    WrappedDataKey after = directory.wrappedDataKey(address("hello@example.com"));

    assertThat(after.vaultId()).isEqualTo(before.vaultId()).isEqualTo(vaultId);
    assertThat(after.salt()).isNotEqualTo(before.salt());
    assertThat(after.wrapped()).isNotEqualTo(before.wrapped());
    try (SecretBytes kek = kdf.derive(OLD, before.salt(), before.params());
        SecretBytes unwrapped =
            KeyWrap.unwrap(
                kek, before.wrapped(), WrapPurpose.DATA_KEY.associatedData(before.vaultId()))) {
      assertThat(unwrapped.contentEquals(dataKey)).isTrue();
    }
    assertThatThrownBy(() -> directory.wrappedDataKey(address("nobody@example.com")))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void aGeneratedNewPasswordWorksTheSameWay() throws Exception {
    char[] generated = directory.changePassword(address("hello@example.com"), OLD);
    assertThat(new String(generated)).matches("[A-Za-z0-9]{24}");
    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", generated)) {
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
    }
  }

  @Test
  void aWrongOldPasswordChangesNothing() throws Exception {
    assertThatThrownBy(
            () ->
                directory.changePassword(
                    address("hello@example.com"), "not the password".toCharArray(), NEW))
        .isInstanceOf(AuthenticationFailedException.class);
    directory.unlock("hello@example.com", OLD).close();
    assertThatThrownBy(() -> directory.unlock("hello@example.com", NEW))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void aWeakNewPasswordIsRefusedBeforeAnyDerivation() {
    kdf.reset();
    assertThatThrownBy(
            () ->
                directory.changePassword(address("hello@example.com"), OLD, "short".toCharArray()))
        .isInstanceOf(WeakPasswordException.class);
    assertThat(kdf.derivations()).isZero();
  }

  @Test
  void changingAnUnknownAliasSaysSo() {
    assertThatThrownBy(() -> directory.changePassword(address("nobody@example.com"), OLD, NEW))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void aChangeMovesTheAliasToTheCurrentArgon2Parameters() throws Exception {
    directory.close();
    Argon2Params stronger = new Argon2Params(512, 2, 1);
    directory = Fixtures.open(data, new DirectoryOptions(kdf, stronger));

    kdf.reset();
    directory.unlock("hello@example.com", OLD).close();
    assertThat(kdf.paramsUsed()).containsExactly(Fixtures.FAST);

    directory.changePassword(address("hello@example.com"), OLD, NEW);
    kdf.reset();
    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", NEW)) {
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isTrue();
    }
    assertThat(kdf.paramsUsed()).containsExactly(stronger);
  }

  @Test
  void aResetGivesANewVaultAndKeyAndDiscardsTheOld() throws Exception {
    directory.quotaLedger(vaultId).reserve(5_000, 4);
    String newVault;
    char[] generated;
    try (ResetAlias reset = directory.resetPassword(address("hello@example.com"))) {
      assertThat(reset.discardedVaultId()).isEqualTo(vaultId);
      newVault = reset.alias().vaultId();
      assertThat(newVault).isNotEqualTo(vaultId).matches("[0-9a-f]{32}");
      assertThat(reset.alias().dataKey().contentEquals(dataKey)).isFalse();
      generated = reset.alias().generatedPassword().orElseThrow().clone();
    }

    try (UnlockedAlias unlocked = directory.unlock("hello@example.com", generated)) {
      assertThat(unlocked.vaultId()).isEqualTo(newVault);
      assertThat(unlocked.dataKey().contentEquals(dataKey)).isFalse();
    }
    assertThatThrownBy(() -> directory.unlock("hello@example.com", OLD))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(directory.findAlias(address("hello@example.com")).orElseThrow().vaultId())
        .isEqualTo(newVault);
    assertThat(directory.listAliases().get(0).usage()).isEqualTo(Usage.NONE);
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
    assertThatThrownBy(() -> directory.quotaLedger(vaultId))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void aResetToAChosenPasswordChecksIt() throws Exception {
    assertThatThrownBy(
            () -> directory.resetPassword(address("hello@example.com"), "short".toCharArray()))
        .isInstanceOf(WeakPasswordException.class);
    try (ResetAlias reset = directory.resetPassword(address("hello@example.com"), NEW)) {
      assertThat(reset.alias().generatedPassword()).isEmpty();
    }
    directory.unlock("hello@example.com", NEW).close();
  }

  @Test
  void resettingAnUnknownAliasSaysSo() {
    assertThatThrownBy(() -> directory.resetPassword(address("nobody@example.com")))
        .isInstanceOf(UnknownAliasException.class);
  }
}
