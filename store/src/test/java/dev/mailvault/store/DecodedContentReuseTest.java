package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoded-content cache is keyed by content id, and SQLite gives the largest deleted id out
 * again: a message appended after the newest one was expunged must still read as itself (ADR 0187).
 */
class DecodedContentReuseTest {

  @TempDir Path dir;

  @Test
  void contentAppendedAfterAnExpungeIsNeverServedFromTheExpungedOnesCache() throws Exception {
    byte[] first = TestMessages.text("<a@x>", "a@x", "b@x", "First", "the first body, alpha");
    byte[] second = TestMessages.text("<b@x>", "a@x", "b@x", "Second", "the second body, bravo");
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("reuse", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(first));
      assertThat(vault.fetchSection("INBOX", 1, "")).isEqualTo(first); // now cached
      vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");

      vault.append("INBOX", NewMessage.of(second));

      assertThat(vault.fetchSection("INBOX", 2, "")).isEqualTo(second);
      assertThat(vault.search("INBOX", new SearchQuery.Body("bravo"))).containsExactly(2);
      assertThat(vault.search("INBOX", new SearchQuery.Body("alpha"))).isEmpty();
    }
  }
}
