package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.SortCriterion.Key;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.imap.codec.ImapCommand.CancelUpdate;
import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.ImapCommand.Sort;
import dev.mailvault.imap.codec.ImapCommand.ThreadCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SORT, THREAD and CANCELUPDATE from bytes (RFC 5256 §4, RFC 5957, RFC 5267), and RETURN. */
class SortParserTest {

  private static ImapCommand parse(String command) throws ParseException {
    return new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.UTF8);
  }

  @Test
  void rfc5256SortExample() throws Exception {
    // RFC 5256 §4 example.
    Sort sort = (Sort) parse("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994");
    assertThat(sort.uid()).isFalse();
    assertThat(sort.returnOptions()).isNull();
    assertThat(sort.criteria()).containsExactly(new SortCriterion(Key.SUBJECT, false));
    assertThat(sort.charset()).isEqualTo("UTF-8");
    assertThat(sort.key()).isInstanceOf(SearchKey.Date.class);
  }

  @Test
  void reverseAppliesToTheNextKeyOnlyAndDisplayKeysParse() throws Exception {
    Sort sort =
        (Sort)
            parse("t UID SORT (reverse arrival displayfrom REVERSE DISPLAYTO size) us-ascii all");
    assertThat(sort.uid()).isTrue();
    assertThat(sort.charset()).isEqualTo("US-ASCII");
    assertThat(sort.criteria())
        .containsExactly(
            new SortCriterion(Key.ARRIVAL, true),
            new SortCriterion(Key.DISPLAYFROM, false),
            new SortCriterion(Key.DISPLAYTO, true),
            new SortCriterion(Key.SIZE, false));
  }

  @Test
  void esortTakesReturnOptionsWithPartial() throws Exception {
    Sort sort = (Sort) parse("t SORT RETURN (MIN PARTIAL 4:2 UPDATE) (DATE) UTF-8 ALL");
    assertThat(sort.returnOptions()).containsExactly("MIN", "PARTIAL", "4:2", "UPDATE");
    Search search = (Search) parse("t SEARCH RETURN (SAVE CONTEXT PARTIAL -1:-10) 1:5");
    assertThat(search.returnOptions()).containsExactly("SAVE", "CONTEXT", "PARTIAL", "-1:-10");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "t SORT () UTF-8 ALL",
        "t SORT (SUBJECT UTF-8 ALL",
        "t SORT (FROZZLE) UTF-8 ALL",
        "t SORT (REVERSE) UTF-8 ALL",
        "t SORT (DATE) UTF-8",
        "t SORT (DATE)",
        "t SEARCH RETURN (PARTIAL 1) ALL",
        "t SEARCH RETURN (PARTIAL 1:*) ALL",
        "t SEARCH RETURN (PARTIAL *:1) ALL",
        "t SEARCH RETURN (PARTIAL 0:3) ALL",
        "t SEARCH RETURN (PARTIAL -1:3) ALL",
        "t SEARCH RETURN (PARTIAL) ALL",
        "t THREAD RANDOM UTF-8 ALL",
        "t THREAD REFERENCES UTF-8",
        "t CANCELUPDATE",
      })
  void malformedCommandsAreSyntaxErrors(String command) {
    assertThatThrownBy(() -> parse(command)).isInstanceOf(ParseException.class);
  }

  @Test
  void threadNamesItsAlgorithm() throws Exception {
    ThreadCommand thread = (ThreadCommand) parse("t THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000");
    assertThat(thread.algorithm()).isEqualTo(ThreadAlgorithm.ORDEREDSUBJECT);
    assertThat(thread.uid()).isFalse();
    ThreadCommand uid = (ThreadCommand) parse("t UID THREAD references us-ascii seen 1:*");
    assertThat(uid.algorithm()).isEqualTo(ThreadAlgorithm.REFERENCES);
    assertThat(uid.uid()).isTrue();
    assertThat(uid.key()).isInstanceOf(SearchKey.And.class);
  }

  @Test
  void cancelUpdateListsTags() throws Exception {
    CancelUpdate cancel = (CancelUpdate) parse("t CANCELUPDATE \"a1\" \"b 2\"");
    assertThat(cancel.tags()).isEqualTo(List.of("a1", "b 2"));
  }
}
