package dev.mailvault.server.cli;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.Vault;
import dev.mailvault.store.spool.SpoolStore;
import java.util.Arrays;

/**
 * An alias's vault opened with its password for a command that reads or fills it (export, import),
 * as a login opens it: mail waiting sealed in the spool is drained in first, so an export holds it
 * too. Closing gives the vault back.
 */
final class UnlockedMailbox implements AutoCloseable {

  private final Vault vault;

  private UnlockedMailbox(Vault vault) {
    this.vault = vault;
  }

  /**
   * Asks for (or reads) the password, unlocks the alias and opens its vault.
   *
   * @throws MailvaultException when the password does not unlock the alias (the directory's one
   *     message for every such failure)
   */
  static UnlockedMailbox open(AdminSession admin, EmailAddress address, PasswordInput input)
      throws MailvaultException {
    char[] password = input.read("Password for " + address + ": ");
    try {
      return open(admin, address, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  static UnlockedMailbox open(AdminSession admin, EmailAddress address, char[] password)
      throws MailvaultException {
    try (UnlockedAlias alias = admin.directory.unlock(address.toString(), password)) {
      MailboxAccess opened =
          new LocalMailAccess(admin.vaults, new SpoolStore(admin.layout.spool()))
              .open(
                  alias.vaultId(),
                  alias.dataKey(),
                  alias.spoolPrivateKey(),
                  admin.directory.quotaLedger(alias.vaultId()));
      if (!(opened instanceof Vault vault)) {
        opened.close();
        throw new IllegalStateException("the local mail access opened no local vault");
      }
      return new UnlockedMailbox(vault);
    }
  }

  Vault vault() {
    return vault;
  }

  @Override
  public void close() {
    vault.close();
  }
}
