package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.smtp.codec.SmtpReply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a submission (RFC 6409): the From check (ADR 0203), the message fixes of §8, and the
 * hand-over to the {@link dev.mailvault.core.outbound.Outbox}, durable before the 250 (ADR 0200).
 * Every recipient goes to the outbox, this server's own too.
 */
final class SubmissionIntake {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionIntake.class);

  private SubmissionIntake() {}

  static SmtpReply accept(SmtpSession session, Transaction current, byte[] content) {
    SmtpServices services = session.services();
    SubmissionServices submission = services.submission();
    EmailAddress alias = session.conversation().authenticated().orElseThrow();
    SubmissionHeaders headers = SubmissionHeaders.read(content);
    Optional<List<String>> from = headers.fromAddresses();
    if (from.isEmpty()) {
      // RFC 5322 §3.6: From is required; without it the policy has nothing to check.
      return SmtpReply.of(550, "5.6.0", "The message needs a readable From header field");
    }
    for (String address : from.get()) {
      if (!submission.senders().allows(alias, address)) {
        return SmtpReply.of(550, "5.7.1", "From address not allowed for this login");
      }
    }
    String id = RandomIds.hex(8);
    Instant accepted = services.clock().instant();
    byte[] raw = headers.rewrite(added(session, current, headers, id, accepted));
    OutboundMessage message =
        new OutboundMessage(
            current.mailFrom,
            alias.toString(),
            current.outboundRecipients(),
            raw,
            accepted,
            current.mail.envelopeId(),
            current.mail.ret(),
            current.mail.requireTls(),
            current.smtpUtf8,
            "8BITMIME".equals(current.mail.body()));
    try {
      String queued = submission.outbox().submit(message);
      submission.rate().count(alias);
      return SmtpReply.of(250, "2.0.0", "OK queued as " + queued);
    } catch (MailvaultException | RuntimeException e) {
      LOG.warn("submission {} not queued: {}", id, e.getClass().getName(), e);
      return SmtpReply.of(451, "4.3.0", "Temporary failure, try again later (id " + id + ")");
    }
  }

  /** The fields put on top: a Received when configured, a Message-ID and a Date when missing. */
  private static String added(
      SmtpSession session,
      Transaction current,
      SubmissionHeaders headers,
      String id,
      Instant accepted) {
    SmtpServices services = session.services();
    StringBuilder top = new StringBuilder();
    if (services.submission().limits().receivedHeader()) {
      // ADR 0203: off by default; it would tell every recipient where the sender was.
      Transport transport = session.transport();
      top.append(
          TraceHeaders.received(
              new TraceHeaders.Trace(
                  session.conversation().heloDomain(),
                  transport.remoteAddress().getHostAddress(),
                  services.hostname(),
                  protocol(session, current),
                  transport.tlsDescription(),
                  id,
                  current.rcptTo()),
              accepted));
    }
    if (!headers.has("message-id")) {
      // RFC 6409 §8.3, RFC 5322 §3.6.4: msg-id = "<" id-left "@" id-right ">".
      top.append("Message-ID: <")
          .append(RandomIds.hex(16))
          .append('@')
          .append(services.hostname())
          .append(">\r\n");
    }
    if (!headers.has("date")) {
      // RFC 6409 §8.3: the time of submission, in UTC.
      top.append("Date: ").append(TraceHeaders.DATE.format(accepted)).append("\r\n");
    }
    return top.toString();
  }

  /** RFC 3848 §2 and RFC 6531 §3.7.3: "A" for an authenticated client, "S" for TLS. */
  private static String protocol(SmtpSession session, Transaction current) {
    String base = current.smtpUtf8 ? "UTF8SMTP" : "ESMTP";
    return session.transport().isSecure() ? base + "SA" : base + "A";
  }
}
