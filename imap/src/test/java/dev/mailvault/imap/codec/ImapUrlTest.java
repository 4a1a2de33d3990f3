package dev.mailvault.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The message URLs of RFC 5092 that CATENATE resolves, and the ones it refuses. */
class ImapUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "/INBOX/;UID=3                                   | null        | INBOX       | 0  | 3 | ''                  | -1 | -1",
        "/INBOX;UIDVALIDITY=77/;uid=3/;section=header    | null        | INBOX       | 77 | 3 | HEADER              | -1 | -1",
        "/a%20b/c/;UID=1/;SECTION=1.2.MIME               | null        | a b/c       | 0  | 1 | 1.2.MIME            | -1 | -1",
        "/Caf%C3%A9/;UID=1/;SECTION=2                    | null        | Café        | 0  | 1 | 2                   | -1 | -1",
        "/INBOX/;UID=1/;SECTION=HEADER.FIELDS%20(From%20To) | null     | INBOX       | 0  | 1 | HEADER.FIELDS (FROM TO) | -1 | -1",
        "/INBOX/;UID=1/;PARTIAL=0.10                     | null        | INBOX       | 0  | 1 | ''                  | 0  | 10",
        "/INBOX/;UID=1/;SECTION=TEXT/;PARTIAL=100000     | null        | INBOX       | 0  | 1 | TEXT                | 100000 | -1",
        "imap://bob%40example.com@mail.example.com/INBOX/;UID=1 | bob@example.com | INBOX | 0 | 1 | ''          | -1 | -1",
        "IMAP://bob;AUTH=*@mail.example.com:143/Sent/;UID=4 | bob      | Sent        | 0  | 4 | ''                  | -1 | -1",
      })
  void readsMessageUrls(
      String url,
      String user,
      String mailbox,
      long uidValidity,
      long uid,
      String section,
      long offset,
      long length)
      throws Exception {
    assertThat(ImapUrl.parse(url))
        .isEqualTo(new ImapUrl(user, mailbox, uidValidity, uid, section, offset, length));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INBOX/;UID=1",
        "/INBOX",
        "/INBOX/;UID=0",
        "/INBOX/;UID=4294967296",
        "/INBOX/;UID=x",
        "/;UID=1",
        "/INBOX;UIDVALIDITY=/;UID=1",
        "/INBOX/;UID=1/;SECTION=0",
        "/INBOX/;UID=1/;SECTION=MIME",
        "/INBOX/;UID=1/;SECTION=1.FOO",
        "/INBOX/;UID=1/;PARTIAL=1.0",
        "/INBOX/;UID=1/;PARTIAL=5/;SECTION=1",
        "/INBOX/;UID=1/;URLAUTH=anonymous:internal:00",
        "/INBOX/;UID=1;EXPIRE=2030-01-01T00:00:00Z",
        "/IN%ZZBOX/;UID=1",
        "/IN%FFBOX/;UID=1",
        "/IN BOX/;UID=1",
        "imap://mail.example.com/INBOX/;UID=1",
        "imap://bob@mail.example.com",
        "/INBOX?SUBJECT%20x",
      })
  void refusesWhatNamesNoSingleMessage(String url) {
    assertThatThrownBy(() -> ImapUrl.parse(url)).isInstanceOf(ImapUrl.BadUrlException.class);
  }
}
