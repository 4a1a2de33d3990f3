package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mime.MimeCorpus;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEARCH over real messages of the shared corpus: RFC 2047 words in Subject and From, a
 * quoted-printable ISO-8859-1 body, base64 UTF-8 and windows-1252 alternatives, ISO-2022-JP, an
 * attachment that must not be searched, and a Date header east of UTC.
 */
class CorpusSearchTest {

  // UIDs in append order.
  private static final List<String> FILES =
      List.of(
          "gen-ew-latin1.eml", // 1
          "gen-alternative-charsets.eml", // 2
          "mimekit-japanese.eml"); // 3

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void appendCorpus() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("v", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
    Path mime = MimeCorpus.directory();
    for (String file : FILES) {
      vault.append("INBOX", NewMessage.of(Files.readAllBytes(mime.resolve(file))));
    }
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  private long[] search(SearchQuery query) throws Exception {
    return vault.search("INBOX", query);
  }

  @Test
  void encodedWordsInSubjectAndAddressesAreDecoded() throws Exception {
    assertThat(search(new SearchQuery.Header("Subject", "CAFÉ crème"))).containsExactly(1);
    assertThat(search(new SearchQuery.Header("Subject", "€ euro"))).containsExactly(1);
    assertThat(search(new SearchQuery.Header("Subject", "日本語メール"))).containsExactly(3);
    assertThat(search(new SearchQuery.Header("From", "FRANÇOIS pérez"))).containsExactly(1);
    assertThat(search(new SearchQuery.Header("To", "renée"))).containsExactly(1);
    assertThat(search(new SearchQuery.Header("From", "alice@EXAMPLE.com"))).containsExactly(2);
  }

  @Test
  void bodiesAreDecodedByTransferEncodingAndCharset() throws Exception {
    assertThat(search(new SearchQuery.Body("DÉJÀ VU"))).containsExactly(1);
    assertThat(search(new SearchQuery.Body("grüße"))).containsExactly(2);
    assertThat(search(new SearchQuery.Body("empty charset"))).containsExactly(2);
    assertThat(search(new SearchQuery.Body("日本語"))).containsExactly(3);
  }

  @Test
  void attachmentsAndHeadersAreNotBody() throws Exception {
    assertThat(search(new SearchQuery.Body("JVBERi"))).isEmpty();
    assertThat(search(new SearchQuery.Body("Caf=E9"))).isEmpty();
    assertThat(search(new SearchQuery.Body("ew-latin1@example.fr"))).isEmpty();
    assertThat(search(new SearchQuery.Text("ew-latin1@example.fr"))).containsExactly(1);
    assertThat(search(new SearchQuery.Text("déjà"))).containsExactly(1);
  }

  @Test
  void headerWithAnEmptyStringMatchesMessagesThatHaveTheField() throws Exception {
    assertThat(search(new SearchQuery.Header("User-Agent", ""))).containsExactly(3);
    assertThat(search(new SearchQuery.Header("X-Absent", ""))).isEmpty();
    assertThat(search(new SearchQuery.Not(new SearchQuery.Header("User-Agent", ""))))
        .containsExactly(1, 2);
  }

  @Test
  void sentDatesUseTheDayAsWrittenInItsZone() throws Exception {
    // "Wed, 22 Jul 2015 01:02:29 +0900" is 21 July in UTC.
    assertThat(search(new SearchQuery.SentDate(DateRelation.ON, LocalDate.of(2015, 7, 22))))
        .containsExactly(3);
    assertThat(search(new SearchQuery.SentDate(DateRelation.ON, LocalDate.of(2015, 7, 21))))
        .isEmpty();
    assertThat(search(new SearchQuery.SentDate(DateRelation.SINCE, LocalDate.of(2025, 6, 3))))
        .containsExactly(1);
  }
}
