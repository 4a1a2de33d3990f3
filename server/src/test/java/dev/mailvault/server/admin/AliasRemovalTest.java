package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing an alias takes its keys, its vault and its spool, and says so. */
class AliasRemovalTest {

  @TempDir Path root;

  @Test
  void removesTheVaultAndTheSpoolWithItsItems() throws Exception {
    DataLayout layout = DataLayout.open(root);
    SpoolStore spool = new SpoolStore(layout.spool());
    EmailAddress address = EmailAddress.parse("leaving@example.com");
    try (Directory directory = SqliteDirectory.open(root, Optional.empty());
        VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(layout.vaults()))) {
      AliasLifecycle lifecycle = new AliasLifecycle(directory, vaults, spool);
      directory.addDomain(DomainName.parse("example.com"));
      lifecycle.create(address, null).close();
      var route = directory.findAlias(address).orElseThrow();
      spool.put(
          route.vaultId(),
          route.spoolPublicKey(),
          new SpoolItem(
              TestMail.text("a@sender.test", "leaving@example.com", "Offline", "Body"),
              Instant.now(),
              "a@sender.test",
              List.of("leaving@example.com")));
      assertThat(spool.list(route.vaultId())).hasSize(1);

      RemovalReport report = lifecycle.remove(address);

      assertThat(report.deletedFiles())
          .containsExactly(vaults.fileOf(route.vaultId()), spool.folderOf(route.vaultId()));
      assertThat(vaults.fileOf(route.vaultId())).doesNotExist();
      assertThat(spool.folderOf(route.vaultId())).doesNotExist();
      assertThat(directory.findAlias(address)).isEmpty();
    }
  }
}
