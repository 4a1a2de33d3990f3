package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §1.4: changing a password re-wraps the data key; every message stays readable with the new
 * password and none with the old. A wrong password fails cleanly.
 */
class PasswordChangeTest {

  @TempDir Path root;

  @Test
  void everyMessageSurvivesAPasswordChangeAndTheOldPasswordOpensNothing() throws Exception {
    DataLayout layout = DataLayout.open(root);
    EmailAddress address = EmailAddress.parse("hello@example.com");
    List<byte[]> sent = new ArrayList<>();
    char[] original;
    try (Directory directory = SqliteDirectory.open(root, Optional.empty());
        VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
      AliasLifecycle lifecycle =
          new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()));
      directory.addDomain(DomainName.parse("example.com"));
      try (NewAlias alias = lifecycle.create(address, null)) {
        original = alias.generatedPassword().orElseThrow().clone();
      }
      List<Long> uids = new ArrayList<>();
      try (UnlockedAlias unlocked = directory.unlock("hello@example.com", original.clone());
          Vault vault =
              vaults.open(
                  unlocked.vaultId(),
                  unlocked.dataKey().bytes(),
                  directory.quotaLedger(unlocked.vaultId()))) {
        for (int i = 0; i < 20; i++) {
          byte[] raw =
              i % 5 == 0
                  ? TestMail.withAttachment(
                      "a@sender.test",
                      "hello@example.com",
                      "Attached " + i,
                      "body " + i,
                      200_000,
                      i)
                  : TestMail.text(
                      "a@sender.test", "hello@example.com", "Message " + i, "Body number " + i);
          sent.add(raw);
          AppendResult r = vault.append("INBOX", NewMessage.of(raw));
          uids.add(r.uid());
        }
      }

      char[] changed = directory.changePassword(address, original.clone());

      assertThatThrownBy(() -> directory.unlock("hello@example.com", original.clone()))
          .isInstanceOf(AuthenticationFailedException.class);
      try (UnlockedAlias unlocked = directory.unlock("hello@example.com", changed.clone());
          Vault vault =
              vaults.open(
                  unlocked.vaultId(),
                  unlocked.dataKey().bytes(),
                  directory.quotaLedger(unlocked.vaultId()))) {
        for (int i = 0; i < sent.size(); i++) {
          assertThat(vault.fetch("INBOX", uids.get(i))).isEqualTo(sent.get(i));
        }
      }
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownAliasFailAlike() throws Exception {
    DataLayout layout = DataLayout.open(root);
    try (Directory directory = SqliteDirectory.open(root, Optional.empty());
        VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
      directory.addDomain(DomainName.parse("example.com"));
      new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()))
          .create(EmailAddress.parse("me@example.com"), null)
          .close();
      Throwable wrong = catchFailure(directory, "me@example.com", "not the password at all");
      Throwable unknown = catchFailure(directory, "nobody@example.com", "not the password at all");
      assertThat(wrong).isInstanceOf(AuthenticationFailedException.class);
      assertThat(unknown).isInstanceOf(AuthenticationFailedException.class);
      assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
    }
  }

  private static Throwable catchFailure(Directory directory, String login, String password) {
    try {
      directory.unlock(login, password.toCharArray()).close();
      return null;
    } catch (Exception e) {
      return e;
    }
  }
}
