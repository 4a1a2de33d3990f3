package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.RegexTarget;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.content.DecodedContentCache;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X-REGEX in the vault: linear-time matching, and the bounds that refuse or stop a search. */
class RegexSearchTest {

  @TempDir Path dir;

  private static NewMessage message(String subject, String body) {
    return NewMessage.of(
        ("From: a@example.org\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCatastrophicPatternOverALongBodyCompletesWithTheRightAnswer() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("v", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", message("one", "a".repeat(100_000)));
      vault.append("INBOX", message("two", "a".repeat(30) + "b"));
      // A backtracking engine tries 2^n ways to split the a's before it fails; RE2 is linear.
      assertThat(vault.search("INBOX", new SearchQuery.Regex(RegexTarget.BODY, "", "(a*)*b")))
          .containsExactly(2);
      assertThat(
              vault.search("INBOX", new SearchQuery.Regex(RegexTarget.BODY, "", "^(a|aa)+\\s*$")))
          .containsExactly(1);
      assertThat(vault.search("INBOX", new SearchQuery.Regex(RegexTarget.HEADER, "Subject", "^T")))
          .as("case-insensitive")
          .containsExactly(2);
    }
  }

  @Test
  void aPatternOverItsBoundsIsRefused() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("v", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", message("one", "text"));
      assertThatThrownBy(
              () ->
                  vault.search(
                      "INBOX", new SearchQuery.Regex(RegexTarget.BODY, "", "x".repeat(1001))))
          .isInstanceOf(SearchPatternException.class)
          .hasMessage("X-REGEX pattern longer than 1000 characters");
      assertThatThrownBy(
              () ->
                  vault.search(
                      "INBOX", new SearchQuery.Regex(RegexTarget.BODY, "", "((x{10}){10}){11}")))
          .isInstanceOf(SearchPatternException.class);
    }
  }

  @Test
  void aSearchStopsAtItsWorkBound() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        for (int i = 0; i < 10; i++) {
          vault.append("INBOX", message("m" + i, "z".repeat(1_000)));
        }
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        long folder = c.queryLong("SELECT id FROM folders WHERE name = 'INBOX'").orElseThrow();
        SearchQuery query = new SearchQuery.Regex(RegexTarget.BODY, "", "y");
        var cache = new DecodedContentCache(1 << 20).forVault();
        assertThat(MessageSearch.run(c, cache, folder, query, 20_000)).isEmpty();
        assertThatThrownBy(() -> MessageSearch.run(c, cache, folder, query, 5_000))
            .isInstanceOf(SearchTooComplexException.class)
            .hasMessage("the X-REGEX search passed its work bound");
      }
    }
  }
}
