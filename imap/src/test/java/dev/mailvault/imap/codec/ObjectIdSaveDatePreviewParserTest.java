package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.imap.codec.FetchItem.Simple;
import dev.mailvault.imap.codec.ImapCommand.Fetch;
import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.ImapCommand.Status;
import dev.mailvault.imap.codec.ImapCommand.StatusItem;
import dev.mailvault.imap.codec.SearchKey.DateField;
import dev.mailvault.imap.codec.SearchKey.DateRelation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grammar added by OBJECTID (RFC 8474 §7), SAVEDATE (RFC 8514 §5) and PREVIEW (RFC 8970 §7):
 * FETCH items, SEARCH keys, the STATUS item, and the object ids themselves.
 */
class ObjectIdSaveDatePreviewParserTest {

  private static ImapCommand parse(String command) throws ParseException {
    return new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.UTF8);
  }

  @Test
  void fetchItems() throws Exception {
    Fetch fetch = (Fetch) parse("a FETCH 1:* (EMAILID THREADID SAVEDATE PREVIEW UID)");
    assertThat(fetch.items())
        .containsExactly(
            Simple.EMAILID,
            Simple.THREADID,
            Simple.SAVEDATE,
            new FetchItem.Preview(false),
            Simple.UID);
    assertThat(((Fetch) parse("a FETCH 1 (PREVIEW (LAZY) FLAGS)")).items())
        .containsExactly(new FetchItem.Preview(true), Simple.FLAGS);
    assertThat(((Fetch) parse("a FETCH 1 preview (lazy)")).items())
        .containsExactly(new FetchItem.Preview(true));
  }

  @Test
  void aListAfterABarePreviewIsTheFetchModifiers() throws Exception {
    Fetch fetch = (Fetch) parse("a UID FETCH 1 PREVIEW (CHANGEDSINCE 5)");
    assertThat(fetch.items()).containsExactly(new FetchItem.Preview(false));
    assertThat(fetch.changedSince()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a FETCH 1 (PREVIEW (LAZY FAST))",
        "a FETCH 1 (PREVIEW (LAZY)",
        "a FETCH 1 (PREVIEW ())",
        "a FETCH 1 (EMAILID[])",
      })
  void malformedItemsAreBad(String command) {
    assertThatThrownBy(() -> parse(command)).isInstanceOf(ParseException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "SAVEDBEFORE 1-Feb-2024, BEFORE",
    "SAVEDON 1-Feb-2024, ON",
    "SAVEDSINCE 1-Feb-2024, SINCE",
  })
  void saveDateKeys(String key, DateRelation relation) throws Exception {
    Search search = (Search) parse("a SEARCH " + key);
    assertThat(search.key())
        .isEqualTo(new SearchKey.Date(DateField.SAVED, relation, LocalDate.of(2024, 2, 1)));
  }

  @Test
  void objectIdKeysAndSaveDateSupported() throws Exception {
    assertThat(((Search) parse("a SEARCH EMAILID M12 THREADID T3 SAVEDATESUPPORTED")).key())
        .isEqualTo(
            new SearchKey.And(
                List.of(
                    new SearchKey.ObjectId(false, "M12"),
                    new SearchKey.ObjectId(true, "T3"),
                    new SearchKey.All())));
    assertThatThrownBy(() -> parse("a SEARCH EMAILID")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("a SEARCH EMAILID (M1)")).isInstanceOf(ParseException.class);
  }

  @Test
  void statusMailboxId() throws Exception {
    assertThat(((Status) parse("a STATUS INBOX (MAILBOXID MESSAGES)")).items())
        .containsExactly(StatusItem.MAILBOXID, StatusItem.MESSAGES);
  }

  @ParameterizedTest
  @CsvSource({
    "M1, 1",
    "M9007199254740992, 9007199254740992",
    "M0, 0",
    "M01, 0",
    "m1, 0",
    "M, 0",
    "F1, 0",
    "M1x, 0",
    "M99999999999999999999, 0"
  })
  void emailIdsAreReadBackOrNamedNothing(String id, long contentId) {
    assertThat(ObjectIds.parseEmailId(id)).isEqualTo(contentId);
  }

  @Test
  void idsAreObjectIds() {
    assertThat(ObjectIds.emailId(42)).isEqualTo("M42").matches("[A-Za-z0-9_-]{1,255}");
    assertThat(ObjectIds.mailboxId(1700000000L)).isEqualTo("F1700000000");
  }
}
