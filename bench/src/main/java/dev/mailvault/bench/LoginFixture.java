package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.directory.jdbc.UnlockCachePolicy;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A data directory as {@code mailvault serve} lays it out: the embedded SQLite directory with one
 * domain and one alias (default Argon2id parameters), and the alias's vault holding {@code
 * messages} 10 KB letters in INBOX, its appends counted in the directory's quota ledger. Closing it
 * deletes everything.
 */
public final class LoginFixture implements AutoCloseable {

  public static final String LOGIN = "bench@example.com";

  private static final int APPEND_BATCH = 100;

  private final ScratchDirectory scratch;
  private final Directory directory;
  private final VaultStore store;
  private final char[] password;

  private LoginFixture(
      ScratchDirectory scratch, Directory directory, VaultStore store, char[] password) {
    this.scratch = scratch;
    this.directory = directory;
    this.store = store;
    this.password = password;
  }

  public static LoginFixture create(int messages) throws MailvaultException {
    return create(messages, false);
  }

  /** As {@link #create(int)}, with {@code synchronous=FULL} vaults if asked. */
  public static LoginFixture create(int messages, boolean synchronousFull)
      throws MailvaultException {
    ScratchDirectory scratch = ScratchDirectory.create("login-");
    // Without the unlock cache (ADR 0185): the benchmarks measure a login that runs Argon2id.
    Directory directory =
        SqliteDirectory.open(
            scratch.path(),
            Optional.empty(),
            DirectoryOptions.defaults().withUnlockCache(UnlockCachePolicy.OFF));
    VaultStore store =
        new VaultStore(
            VaultStoreConfig.defaults(scratch.path().resolve("vaults"))
                .withSynchronousFull(synchronousFull));
    char[] password = "benchmark password, not a secret".toCharArray();
    LoginFixture fixture = new LoginFixture(scratch, directory, store, password);
    try {
      directory.addDomain(DomainName.parse("example.com"));
      try (NewAlias alias = directory.addAlias(EmailAddress.parse(LOGIN), password.clone())) {
        byte[] key = alias.dataKey().bytes();
        try (Vault vault =
            store.create(alias.vaultId(), key, directory.quotaLedger(alias.vaultId()))) {
          fill(vault, messages);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
      return fixture;
    } catch (MailvaultException | RuntimeException e) {
      fixture.close();
      throw e;
    }
  }

  private static void fill(Vault vault, int messages) throws MailvaultException {
    SyntheticMail mail = new SyntheticMail(0x10C1L);
    List<NewMessage> batch = new ArrayList<>(APPEND_BATCH);
    for (int i = 0; i < messages; i++) {
      batch.add(NewMessage.of(mail.textMessage(i, TextMailSource.SIZE)));
      if (batch.size() == APPEND_BATCH || i == messages - 1) {
        vault.appendAll("INBOX", batch);
        batch.clear();
      }
    }
    // Leave the file as a session would find it after a quiet period: WAL folded in.
    vault.checkpoint();
  }

  /** Unlocks the alias and opens its vault with its quota ledger, as a session does. */
  public Vault login() throws MailvaultException {
    try (UnlockedAlias alias = directory.unlock(LOGIN, password())) {
      byte[] key = alias.dataKey().bytes();
      try {
        return store.open(alias.vaultId(), key, directory.quotaLedger(alias.vaultId()));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  public Directory directory() {
    return directory;
  }

  public VaultStore store() {
    return store;
  }

  /** A fresh copy of the alias's password, as a login would bring it. */
  public char[] password() {
    return password.clone();
  }

  @Override
  public void close() {
    store.close();
    directory.close();
    scratch.close();
  }
}
