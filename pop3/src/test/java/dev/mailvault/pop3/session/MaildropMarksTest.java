package dev.mailvault.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What QUIT writes (ADR 0194): \Seen only where it changes something, and never on a DELE. */
class MaildropMarksTest {

  private final Maildrop maildrop =
      new Maildrop(
          7,
          List.of(
              new Maildrop.Entry(10, 100, false),
              new Maildrop.Entry(11, 200, true),
              new Maildrop.Entry(12, 300, false)));

  @Test
  void retrievingAMessageSeenAtLoginWritesNothing() throws Exception {
    maildrop.markRetrieved(1);
    maildrop.markRetrieved(2);
    assertThat(maildrop.seenUids()).containsExactly(10L);
  }

  @Test
  void aDeletedMessageIsNotMarkedSeen() throws Exception {
    maildrop.markRetrieved(1);
    maildrop.markRetrieved(3);
    maildrop.markDeleted(3);
    assertThat(maildrop.seenUids()).containsExactly(10L);
    assertThat(maildrop.deletedUids()).containsExactly(12L);
    assertThat(maildrop.count()).isEqualTo(2);
    assertThat(maildrop.size()).isEqualTo(300);
  }

  @Test
  void uniqueIdsAreUidValidityAndUid() throws Exception {
    assertThat(maildrop.uniqueId(2)).isEqualTo("000000070000000b");
  }
}
