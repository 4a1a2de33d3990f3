package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata of scattered UIDs, with and without the structure strings. */
class MetaReadTest {

  @TempDir Path dir;

  @Test
  void scatteredUidsComeBackExactlyWithOrWithoutStructure() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("meta", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      for (int i = 1; i <= 12; i++) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("<m" + i + "@x>")));
      }
      UidSet scattered = UidSet.of(1, 3, 5, 6, 9, 12, 40);

      List<MessageMeta> full = vault.messages("INBOX", scattered, true);
      List<MessageMeta> flat = vault.messages("INBOX", scattered, false);

      assertThat(full).extracting(MessageMeta::uid).containsExactly(1L, 3L, 5L, 6L, 9L, 12L);
      assertThat(full).isEqualTo(vault.messages("INBOX", scattered));
      assertThat(full.get(0).envelope()).contains("m1@x");
      assertThat(flat).extracting(MessageMeta::uid).containsExactly(1L, 3L, 5L, 6L, 9L, 12L);
      assertThat(flat).allSatisfy(m -> assertThat(m.envelope() + m.bodyStructure()).isEmpty());
      assertThat(flat)
          .extracting(MessageMeta::flags, MessageMeta::size, MessageMeta::messageId)
          .isEqualTo(
              full.stream()
                  .map(m -> org.assertj.core.groups.Tuple.tuple(m.flags(), m.size(), m.messageId()))
                  .toList());
    }
  }
}
