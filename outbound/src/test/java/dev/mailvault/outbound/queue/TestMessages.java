package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Messages for the queue's tests. */
final class TestMessages {

  static final String SENDER = "alice@home.test";

  private TestMessages() {}

  static byte[] raw(String marker) {
    return ("From: <alice@home.test>\r\n"
            + "To: <bob@remote.test>\r\n"
            + "Subject: hello "
            + marker
            + "\r\n"
            + "Message-ID: <"
            + marker
            + "@home.test>\r\n"
            + "\r\n"
            + "Body text "
            + marker
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static OutboundMessage to(Instant accepted, String marker, String... recipients) {
    return message(
        SENDER,
        accepted,
        marker,
        DsnReturn.DEFAULT,
        List.of(recipients).stream().map(OutboundRecipient::of).toList());
  }

  static OutboundMessage message(
      String mailFrom,
      Instant accepted,
      String marker,
      DsnReturn ret,
      List<OutboundRecipient> recipients) {
    return new OutboundMessage(
        mailFrom,
        SENDER,
        recipients,
        raw(marker),
        accepted,
        Optional.of("env-" + marker),
        ret,
        false,
        false,
        false);
  }

  static OutboundRecipient notifying(String address, DsnNotify... on) {
    return new OutboundRecipient(address, Set.of(on), Optional.of("rfc822;" + address));
  }
}
