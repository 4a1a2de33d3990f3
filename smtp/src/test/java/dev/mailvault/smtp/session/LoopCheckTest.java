package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ADR 0242: hop count and our Delivered-To, read from the header only. */
class LoopCheckTest {

  private static final List<String> ALIAS = List.of("alice@example.com");

  private static byte[] message(String head) {
    return (head + "Subject: hi\r\n\r\nbody\r\nDelivered-To: alice@example.com\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPlainMessagePasses() {
    assertThat(LoopCheck.check(message(""), 50, ALIAS)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Delivered-To: alice@example.com\r\n",
        "delivered-to:   <ALICE@Example.com>  \r\n",
        "X-Other: 1\r\nDelivered-To:\r\n alice@example.com\r\n"
      })
  void ourDeliveredToIsALoop(String head) {
    assertThat(LoopCheck.check(message(head), 50, ALIAS)).contains(LoopCheck.LOOP);
  }

  @Test
  void anotherAddressInDeliveredToOrOneInTheBodyIsNot() {
    assertThat(LoopCheck.check(message("Delivered-To: bob@example.com\r\n"), 50, ALIAS)).isEmpty();
  }

  @Test
  void moreReceivedFieldsThanTheLimitIsALoop() {
    String three = "Received: from a\r\n\tby b; now\r\n".repeat(3);
    assertThat(LoopCheck.check(message(three), 3, ALIAS)).isEmpty();
    assertThat(LoopCheck.check(message(three + "Received: x\r\n"), 3, ALIAS))
        .contains(LoopCheck.LOOP);
    assertThat(LoopCheck.LOOP.code()).isEqualTo(554);
    assertThat(LoopCheck.LOOP.enhanced()).isEqualTo("5.4.6");
  }

  @Test
  void bareLineFeedsAreReadToo() {
    byte[] lf =
        "Delivered-To: alice@example.com\nSubject: x\n\nbody\n".getBytes(StandardCharsets.UTF_8);
    assertThat(LoopCheck.check(lf, 50, ALIAS)).contains(LoopCheck.LOOP);
  }
}
