package dev.mailvault.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void aMessageGoneUnderTheSessionIsExpungeIssued() {
    // RFC 5530 §3; ImapTest's stress mode accepts a FETCH's NO only with this meaning.
    ErrorResponses.Answer answer = ErrorResponses.of(new MessageNotFoundException(7), false);
    assertThat(answer.condition()).isEqualTo(Condition.NO);
    assertThat(answer.code().name()).isEqualTo("EXPUNGEISSUED");
    assertThat(answer.text()).contains("no longer exist");
  }
}
