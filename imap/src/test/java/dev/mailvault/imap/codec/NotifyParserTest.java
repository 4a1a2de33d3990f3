package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.imap.codec.FetchItem.Simple;
import dev.mailvault.imap.codec.ImapCommand.Notify;
import dev.mailvault.imap.codec.NotifyGroup.Filter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NOTIFY's grammar (RFC 5465 §8). */
class NotifyParserTest {

  private static Notify parse(String command) throws ParseException {
    return (Notify) new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.UTF8);
  }

  @Test
  void noneAndSet() throws Exception {
    assertThat(parse("a NOTIFY NONE")).isEqualTo(new Notify("a", false, null));
    Notify set =
        parse(
            "a notify set status (selected (MessageNew (UID BODY.PEEK[HEADER]) MessageExpunge))"
                + " (subtree (Lists \"Other Things\") (MessageNew MessageExpunge FlagChange))"
                + " (mailboxes inbox (MailboxName)) (subscribed NONE) (inboxes (MessageNew))"
                + " (personal (SubscriptionChange))");
    assertThat(set.status()).isTrue();
    List<NotifyGroup> groups = set.groups();
    assertThat(groups)
        .extracting(NotifyGroup::filter)
        .containsExactly(
            Filter.SELECTED,
            Filter.SUBTREE,
            Filter.MAILBOXES,
            Filter.SUBSCRIBED,
            Filter.INBOXES,
            Filter.PERSONAL);
    assertThat(groups.get(0).events()).isEqualTo(Set.of("MESSAGENEW", "MESSAGEEXPUNGE"));
    assertThat(groups.get(0).newMessageItems()).hasSize(2).first().isEqualTo(Simple.UID);
    assertThat(groups.get(1).mailboxes()).containsExactly("Lists", "Other Things");
    assertThat(groups.get(2).mailboxes()).containsExactly("INBOX");
    assertThat(groups.get(3).events()).isEmpty();
    assertThat(groups.get(5).events()).containsExactly("SUBSCRIPTIONCHANGE");
    assertThat(parse("a NOTIFY SET (SELECTED-DELAYED (MessageNew))").status()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a NOTIFY",
        "a NOTIFY RESET",
        "a NOTIFY NONE x",
        "a NOTIFY SET",
        "a NOTIFY SET STATUS",
        "a NOTIFY SET (SELECTED)",
        "a NOTIFY SET (SELECTED ())",
        "a NOTIFY SET (MAILBOXES (MessageNew))",
        "a NOTIFY SET (SUBTREE () (MessageNew))",
        "a NOTIFY SET (ELSEWHERE (MessageNew))",
        "a NOTIFY SET (PERSONAL (MessageNew (NOTANITEM)))",
        "a NOTIFY SET (PERSONAL (MessageNew)",
      })
  void malformedNotifyIsBad(String command) {
    assertThatThrownBy(() -> parse(command)).isInstanceOf(ParseException.class);
  }
}
