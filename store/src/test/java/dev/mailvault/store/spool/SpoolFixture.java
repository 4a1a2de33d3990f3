package dev.mailvault.store.spool;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A real vault store and spool root in one data directory, for spool tests. */
final class SpoolFixture implements AutoCloseable {

  static final String SENDER = "alice.sender@example.org";
  static final String RECIPIENT = "bob.recipient@example.com";
  static final String SUBJECT = "Quarterly invoice for the Zanzibar office";
  static final String BODY = "The secret pumpkin recipe is in the attic.";

  final Path spoolRoot;
  final SpoolStore spool;
  final VaultStore vaults;
  final String vaultId = RandomIds.vaultId();
  final Vault vault;

  SpoolFixture(Path dataDir) throws Exception {
    spoolRoot = dataDir.resolve("spool");
    spool = new SpoolStore(spoolRoot);
    vaults = new VaultStore(VaultStoreConfig.defaults(dataDir.resolve("vaults")));
    vault = vaults.create(vaultId, RandomIds.bytes(32), QuotaLedger.UNLIMITED);
  }

  static byte[] message(int n) {
    String text =
        "From: Alice <"
            + SENDER
            + ">\r\n"
            + "To: <"
            + RECIPIENT
            + ">\r\n"
            + "Subject: "
            + SUBJECT
            + " #"
            + n
            + "\r\n"
            + "Message-ID: <m"
            + n
            + "@example.org>\r\n"
            + "\r\n"
            + BODY
            + "\r\n"
            + "Line two of message "
            + n
            + ".\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static SpoolItem item(int n, Instant arrival) {
    return new SpoolItem(message(n), arrival, SENDER, List.of(RECIPIENT));
  }

  @Override
  public void close() {
    vault.close();
    vaults.close();
  }
}
