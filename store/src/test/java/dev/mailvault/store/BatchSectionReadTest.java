package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections of several messages read together are those read one by one. */
class BatchSectionReadTest {

  @TempDir Path dir;

  @Test
  void aBatchReadsWhatSingleReadsReadAndLeavesOutMissingMessages() throws Exception {
    byte[] attachment = TestMessages.randomBytes(7, 300_000);
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("batch", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("<a@x>", "a@x", "b@x", "One", "one")));
      vault.append(
          "INBOX", NewMessage.of(TestMessages.withAttachment("<b@x>", "Two", "two", attachment)));
      List<String> sections = List.of("", "HEADER", "TEXT", "HEADER.FIELDS (SUBJECT)", "1", "2");

      Map<Long, Map<String, byte[]>> read =
          vault.fetchSections("INBOX", List.of(1L, 2L, 9L), sections);

      assertThat(read).containsOnlyKeys(1L, 2L);
      for (long uid : List.of(1L, 2L)) {
        for (String section : sections) {
          assertThat(read.get(uid).get(section))
              .as("uid %d section %s", uid, section)
              .isEqualTo(vault.fetchSection("INBOX", uid, section));
        }
      }
      assertThat(new String(read.get(2L).get("HEADER.FIELDS (SUBJECT)"))).contains("Two");
    }
  }

  @Test
  void sparseUidsAreReadOneByOne() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("sparse", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("<s@x>", "a@x", "b@x", "S", "s")));
      Map<Long, Map<String, byte[]>> read =
          vault.fetchSections("INBOX", List.of(1L, 100_000L), List.of("HEADER"));
      assertThat(read).containsOnlyKeys(1L);
      assertThat(read.get(1L).get("HEADER")).isEqualTo(vault.fetchSection("INBOX", 1, "HEADER"));
    }
  }
}
