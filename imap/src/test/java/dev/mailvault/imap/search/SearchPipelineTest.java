package dev.mailvault.imap.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.imap.codec.CommandParser;
import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.NameEncoding;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SEARCH handler does, end to end against a real vault: parse the command, translate it for
 * the session's view, search, format. The view knows UIDs 1..5 while the vault already holds a
 * sixth message another session appended, which no answer may name.
 */
class SearchPipelineTest {

  @TempDir Path dir;
  private VaultStore store;
  private MailboxAccess mailbox;
  private final SearchView view = new SearchView(new long[] {1, 2, 3, 4, 5}, new long[] {4, 5});

  @BeforeEach
  void fill() throws Exception {
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    mailbox = store.create("v", key, QuotaLedger.UNLIMITED);
    String[] subjects = {"Café menu", "Report", "café au lait", "Budget", "Lunch", "café late"};
    for (int i = 0; i < subjects.length; i++) {
      byte[] raw =
          ("From: Alice <alice@example.org>\r\nSubject: "
                  + subjects[i]
                  + "\r\nDate: Mon, 0"
                  + (i + 1)
                  + " Jan 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                  + "body number "
                  + i
                  + "\r\n")
              .getBytes(UTF_8);
      mailbox.append(
          "INBOX",
          new NewMessage(raw, Flags.NONE, Instant.parse("2024-01-0" + (i + 1) + "T12:00:00Z")));
    }
    mailbox.storeFlags("INBOX", UidSet.of(1, 4), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
  }

  @AfterEach
  void close() {
    mailbox.close();
    store.close();
  }

  private String run(String command, boolean imap4rev2) throws Exception {
    Search search = (Search) new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.UTF8);
    SearchReturn shape = SearchReturn.of(search.returnOptions(), imap4rev2);
    long[] uids =
        mailbox.search(
            "INBOX", new SearchTranslator(view).translate(search.charset(), search.key()));
    return new String(
        SearchResponseFormatter.format(search.tag(), search.uid(), shape, uids, view), UTF_8);
  }

  @Test
  void rev1SearchAnswersSequenceNumbersOfKnownMessagesOnly() throws Exception {
    assertThat(run("A1 SEARCH CHARSET UTF-8 SUBJECT \"CAFÉ\"", false))
        .isEqualTo("* SEARCH 1 3\r\n");
    assertThat(run("A2 SEARCH UNSEEN", false)).isEqualTo("* SEARCH 2 3 5\r\n");
    assertThat(run("A3 SEARCH NEW", false)).isEqualTo("* SEARCH 5\r\n");
  }

  @Test
  void uidSearchWithReturnOptionsAnswersEsearch() throws Exception {
    assertThat(run("A4 UID SEARCH RETURN (MIN MAX COUNT ALL) OR SEEN SINCE 3-Jan-2024", false))
        .isEqualTo("* ESEARCH (TAG \"A4\") UID MIN 1 MAX 5 COUNT 4 ALL 1,3:5\r\n");
    assertThat(run("A5 SEARCH 2:* NOT BODY \"number 2\"", true))
        .isEqualTo("* ESEARCH (TAG \"A5\") ALL 2,4:5\r\n");
    assertThat(run("A6 UID SEARCH RETURN (COUNT) SENTBEFORE 1-Jan-2024", false))
        .isEqualTo("* ESEARCH (TAG \"A6\") UID COUNT 0\r\n");
  }

  @Test
  void badCharsetIsRefused() {
    assertThatThrownBy(() -> run("A7 SEARCH CHARSET KOI8-R TEXT x", false))
        .isInstanceOf(BadCharsetException.class);
  }
}
