package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.AdminAccounts;
import dev.mailvault.directory.AdminCredentials;
import dev.mailvault.directory.AdminExistsException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.InvalidAdminNameException;
import dev.mailvault.directory.UnknownAdminException;
import dev.mailvault.directory.WeakPasswordException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's admin accounts on a real SQLite directory (ADR 0263). */
class AdminAccountStorageTest {

  private static final String PASSWORD = "a long admin password";

  @TempDir Path data;

  @Test
  void passwordsAreCheckedWithOneDerivationWhateverTheName() throws Exception {
    CountingKdf kdf = new CountingKdf();
    try (Directory directory = Fixtures.open(data, kdf)) {
      AdminAccounts admins = directory.adminAccounts();
      admins.add("Root", PASSWORD.toCharArray());
      int before = kdf.derivations();
      assertThat(admins.authenticate("root", PASSWORD.toCharArray())).isPresent();
      assertThat(admins.authenticate("ROOT", PASSWORD.toCharArray())).isPresent();
      assertThat(admins.authenticate("root", "wrong password!".toCharArray())).isEmpty();
      assertThat(admins.authenticate("nobody", PASSWORD.toCharArray())).isEmpty();
      assertThat(admins.authenticate("no such/name", PASSWORD.toCharArray())).isEmpty();
      assertThat(kdf.derivations() - before).isEqualTo(5);
      AdminCredentials fresh = admins.authenticate("root", PASSWORD.toCharArray()).orElseThrow();
      assertThat(fresh.enrolled()).isFalse();
      assertThat(fresh.sealedTotpSecret()).isEmpty();
    }
  }

  @Test
  void namesArePlainAndUniqueAndPasswordsLongEnough() throws Exception {
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      AdminAccounts admins = directory.adminAccounts();
      char[] generated = admins.add("ops");
      assertThat(new String(generated)).hasSize(24);
      assertThat(admins.authenticate("ops", generated)).isPresent();
      assertThatThrownBy(() -> admins.add("OPS")).isInstanceOf(AdminExistsException.class);
      assertThatThrownBy(() -> admins.add("a b")).isInstanceOf(InvalidAdminNameException.class);
      assertThatThrownBy(() -> admins.add("x".repeat(65)))
          .isInstanceOf(InvalidAdminNameException.class);
      assertThatThrownBy(() -> admins.add("short", "2short".toCharArray()))
          .isInstanceOf(WeakPasswordException.class);
      assertThat(admins.list()).extracting(a -> a.name()).containsExactly("ops");
      admins.remove("ops");
      assertThat(admins.list()).isEmpty();
      assertThatThrownBy(() -> admins.remove("ops")).isInstanceOf(UnknownAdminException.class);
    }
  }

  @Test
  void enrolmentStepsAndRecoveryCodes() throws Exception {
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      AdminAccounts admins = directory.adminAccounts();
      admins.add("root", PASSWORD.toCharArray());
      assertThat(admins.acceptStep("root", 10)).as("not enrolled").isFalse();
      List<byte[]> digests = new ArrayList<>();
      for (int i = 0; i < AdminAccounts.RECOVERY_CODES; i++) {
        digests.add(("digest-" + i).getBytes(StandardCharsets.US_ASCII));
      }
      byte[] sealed = {1, 2, 3};
      assertThat(admins.enroll("root", sealed, 100, digests)).isTrue();
      assertThat(admins.enroll("root", sealed, 101, digests)).as("enrolled already").isFalse();
      AdminCredentials creds = admins.credentials("root").orElseThrow();
      assertThat(creds.enrolled()).isTrue();
      assertThat(creds.sealedTotpSecret()).hasValueSatisfying(s -> assertThat(s).isEqualTo(sealed));
      assertThat(creds.lastStep()).isEqualTo(100);

      assertThat(admins.acceptStep("root", 100)).as("the enrolment's step").isFalse();
      assertThat(admins.acceptStep("root", 101)).isTrue();
      assertThat(admins.acceptStep("root", 101)).as("replayed").isFalse();
      assertThat(admins.acceptStep("root", 99)).as("older").isFalse();

      byte[] code = digests.get(3);
      assertThat(admins.useRecoveryCode("root", code)).isTrue();
      assertThat(admins.useRecoveryCode("root", code)).as("single use").isFalse();
      assertThat(admins.useRecoveryCode("root", "other".getBytes(StandardCharsets.US_ASCII)))
          .isFalse();
      assertThat(admins.find("root").orElseThrow().recoveryCodesLeft()).isEqualTo(9);

      admins.resetTwoFactor("root");
      AdminCredentials reset = admins.credentials("root").orElseThrow();
      assertThat(reset.enrolled()).isFalse();
      assertThat(reset.sealedTotpSecret()).isEmpty();
      assertThat(admins.useRecoveryCode("root", digests.get(4))).isFalse();
      assertThat(admins.find("root").orElseThrow().recoveryCodesLeft()).isZero();
    }
  }
}
