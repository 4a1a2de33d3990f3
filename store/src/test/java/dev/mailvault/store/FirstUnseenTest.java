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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SELECT's first unseen message (RFC 3501 §6.3.1) from the sync index, as a search finds it. */
class FirstUnseenTest {

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("unseen", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
    for (int i = 0; i < 6; i++) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("m" + i + "@x")));
    }
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  @Test
  void theLowestUidWithoutSeenAndZeroWhenAllAreSeen() throws Exception {
    assertThat(vault.firstUnseen("INBOX")).isEqualTo(1);
    seen(UidSet.range(1, 3));
    assertThat(vault.firstUnseen("INBOX")).isEqualTo(4).isEqualTo(bySearch());
    seen(UidSet.of(5));
    vault.storeFlags("INBOX", UidSet.of(4), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    vault.expunge("INBOX");
    assertThat(vault.firstUnseen("INBOX")).isEqualTo(6).isEqualTo(bySearch());
    seen(UidSet.of(6));
    assertThat(vault.firstUnseen("INBOX")).isZero().isEqualTo(bySearch());
  }

  private void seen(UidSet uids) throws Exception {
    vault.storeFlags("INBOX", uids, FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
  }

  /** What a full search says. */
  private long bySearch() throws Exception {
    long[] unseen = vault.search("INBOX", new SearchQuery.Flag(SystemFlag.SEEN, false));
    return unseen.length == 0 ? 0 : unseen[0];
  }
}
