package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.mailauth.rspamd.RspamdSymbol;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DATA and BDAT, and the message or chunks the reader yields after them (RFC 5321 §4.1.1.4, RFC
 * 3030): the end of a mail transaction, delivered or refused.
 */
final class MessageIntake {

  /** RFC 3463 X.3.1: the node's in-flight budget is spent for now (ADR 0166); try again later. */
  private static final SmtpReply BUSY =
      SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later");

  private static final SmtpReply TOO_BIG =
      SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");

  /**
   * RFC 7489 §6.6.4 and RFC 3463 X.7.1: the sender's domain asks that mail failing DMARC be refused
   * (ADR 0206).
   */
  private static final SmtpReply DMARC_REJECT =
      SmtpReply.of(550, "5.7.1", "Message rejected by the sender domain's DMARC policy");

  /**
   * Marks a message failing DMARC under {@code p=quarantine}, which is filed in Junk (ADR 0206): a
   * client or Sieve rule can see why it is there.
   */
  private static final String QUARANTINE_FIELD = "X-Mailvault-Quarantine: dmarc";

  private static final Logger LOG = LoggerFactory.getLogger(MessageIntake.class);

  /** What the budget must have left for a DATA to be invited: one spill chunk. */
  private static final long DATA_ROOM = 64 * 1024;

  private MessageIntake() {}

  static void data(SmtpSession session, SmtpCommand.Data data) {
    Transport transport = session.transport();
    if (session.services().spillArea().budget().available() < DATA_ROOM) {
      // ADR 0166: the node holds as much unfinished input as it may; better now than after the
      // message. Not the client's error: its error budget is not charged.
      transport.reply(BUSY);
      transport.resumeCommands();
      return;
    }
    transport.reply(SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>"));
    transport.startData();
  }

  /**
   * RFC 3030 §2: the reply comes after the chunk, which the reader reads whether or not the command
   * is allowed; {@link #chunk} does the work.
   */
  static void bdat(SmtpSession session, SmtpCommand.Bdat bdat) {}

  /** The end of DATA: the transaction ends whatever the message holds. */
  static void message(SmtpSession session, SmtpInput.Message message) {
    Transaction current = session.conversation().finish();
    current.close();
    switch (message.problem()) {
      case BUSY:
        session.transport().reply(BUSY);
        return;
      case BARE_LINE_END:
        session.refuse(
            SmtpReply.of(550, "5.6.11", "Bare CR or LF in message; lines must end with CRLF"));
        return;
      case LINE_TOO_LONG:
        session.refuse(
            SmtpReply.of(
                500,
                "5.5.2",
                "Line too long: more than "
                    + session.services().limits().reader().maxTextLine()
                    + " octets"));
        return;
      case TOO_BIG:
        session.transport().reply(TOO_BIG);
        return;
      default:
        session.transport().reply(deliver(session, current, message.content()));
    }
  }

  /** A chunk of an allowed BDAT. RFC 3030 §3: a failed BDAT ends the transaction. */
  static void chunk(SmtpSession session, SmtpInput.Chunk chunk) {
    Conversation conversation = session.conversation();
    Transaction transaction = conversation.transaction();
    SmtpServices services = session.services();
    if (chunk.busy()) {
      conversation.endTransaction();
      session.transport().reply(BUSY);
      return;
    }
    long max = services.limits().reader().maxMessageSize();
    if (chunk.content() == null || transaction.chunkedSize() + chunk.size() > max) {
      conversation.endTransaction();
      session.transport().reply(TOO_BIG);
      return;
    }
    ChunkLineEnds lineEnds = transaction.chunkLineEnds(services.limits().reader().lineEnds());
    byte[] content = lineEnds.apply(chunk.content(), chunk.last());
    if (lineEnds.bare()) {
      // ADR 0177: the rule DATA follows.
      conversation.endTransaction();
      session.refuse(ChunkLineEnds.REFUSAL);
      return;
    }
    if (chunk.last() && transaction.chunkedSize() + content.length == 0) {
      // ADR 0177: "BDAT 0 LAST" with nothing before it is no message (RFC 5322 §3.6 wants at
      // least a Date and a From field); RFC 3463 X.6.0: a media error.
      conversation.endTransaction();
      session.refuse(SmtpReply.of(554, "5.6.0", "Empty message refused"));
      return;
    }
    if (!transaction.addChunk(content, services.spillArea())) {
      conversation.endTransaction();
      session.transport().reply(BUSY);
      return;
    }
    conversation.chunked();
    if (!chunk.last()) {
      session.transport().reply(SmtpReply.of(250, "2.0.0", chunk.size() + " octets received"));
      return;
    }
    Transaction current = conversation.finish();
    try {
      session.transport().reply(deliver(session, current, current.chunkedMessage()));
    } finally {
      current.close();
    }
  }

  private static SmtpReply deliver(SmtpSession session, Transaction current, byte[] received) {
    SmtpServices services = session.services();
    if (services.isSubmission()) {
      return SubmissionIntake.accept(session, current, received);
    }
    Transport transport = session.transport();
    String id = RandomIds.hex(8);
    List<String> deliveredTo = new ArrayList<>();
    current.routes().forEach(r -> deliveredTo.add(r.address().toString()));
    current.relays().forEach(r -> deliveredTo.add(r.recipient()));
    Optional<SmtpReply> loop = LoopCheck.check(received, services.maxReceived(), deliveredTo);
    if (loop.isPresent()) {
      LOG.info("message {} refused: mail loop", id);
      return loop.get();
    }
    byte[] content = received;
    List<String> arrivalFields = List.of();
    List<RspamdSymbol> knownResults = List.of();
    MailDelivery.Destination destination = MailDelivery.Destination.INBOX;
    if (services.authentication().isPresent()) {
      InboundAuthentication.Verdict verdict =
          services
              .authentication()
              .get()
              .check(
                  services.hostname(),
                  transport.remoteAddress(),
                  session.conversation().heloDomain(),
                  current.mailFrom,
                  received);
      switch (verdict.action()) {
        case REJECT -> {
          LOG.info("message {} refused: DMARC fail under p=reject", id);
          return DMARC_REJECT;
        }
        case QUARANTINE -> {
          // RFC 7489 §6.3: "p=quarantine" asks that the message be treated as suspicious.
          arrivalFields = List.of(verdict.field(), QUARANTINE_FIELD);
          destination = MailDelivery.Destination.JUNK;
        }
        case DELIVER -> arrivalFields = List.of(verdict.field());
      }
      content = verdict.content();
      knownResults = verdict.symbols();
    }
    Optional<SpamFilter> spam = services.spam();
    if (spam.isPresent()) {
      content = spam.get().stripForged(content);
    }
    Instant arrival = services.clock().instant();
    TraceHeaders.Trace trace =
        new TraceHeaders.Trace(
            session.conversation().heloDomain(),
            transport.remoteAddress().getHostAddress(),
            services.hostname(),
            protocol(session, current),
            transport.tlsDescription(),
            id,
            current.rcptTo());
    byte[] raw = TraceHeaders.prepend(current.mailFrom, arrivalFields, trace, arrival, content);
    // ADR 0254: rspamd sees the message as it will be stored, our trace fields on top.
    SpamFilter.Decision spamDecision =
        spam.isPresent()
            ? spam.get().check(envelope(session, current, id, knownResults), raw)
            : SpamFilter.Decision.UNFILTERED;
    if (spamDecision.refusal().isPresent()) {
      return spamDecision.refusal().get();
    }
    if (spamDecision.junk()) {
      destination = MailDelivery.Destination.JUNK;
    }
    if (!spamDecision.fields().isEmpty()) {
      List<String> withSpam = new ArrayList<>(arrivalFields);
      withSpam.addAll(spamDecision.fields());
      raw = TraceHeaders.prepend(current.mailFrom, withSpam, trace, arrival, content);
    }
    MailDelivery.Incoming stored =
        new MailDelivery.Incoming(raw, arrival, current.mailFrom, current.rcptTo(), destination);
    // ADR 0252: each alias's script runs while the message is in memory, before any copy exists.
    SievePlan plan = services.sieve().plan(current, raw);
    if (plan.allRejected(current.routes(), !current.relays().isEmpty())) {
      // RFC 5429 §2.1.1: refused in the protocol, so the sender's server tells the sender.
      LOG.info("message {} refused by the recipients' sieve scripts", id);
      return SmtpReply.of(
          550, "5.7.1", rejectionText(plan.of(current.routes().get(0)).rejection().get()));
    }
    SmtpReply reply;
    if (services.forwarding().isPresent()) {
      reply =
          services
              .forwarding()
              .get()
              .deliver(
                  current,
                  received,
                  stored,
                  TraceHeaders.received(trace, arrival),
                  id,
                  arrival,
                  plan);
    } else {
      List<AliasRoute> kept = current.routes().stream().filter(plan::keeps).toList();
      reply =
          kept.isEmpty()
              ? SmtpReply.of(250, "2.0.0", "OK: message accepted, id " + id)
              : services.deliverer().deliver(stored, kept, plan, id);
    }
    if (reply.code() == 250) {
      services.sieve().afterAcceptance(current, plan, raw, id);
    }
    return reply;
  }

  /** What rspamd is told about the transaction besides the message. */
  private static SpamFilter.Envelope envelope(
      SmtpSession session, Transaction current, String id, List<RspamdSymbol> knownResults) {
    Transport transport = session.transport();
    return new SpamFilter.Envelope(
        transport.remoteAddress(),
        session.conversation().heloDomain(),
        current.mailFrom,
        current.rcptTo(),
        id,
        transport.tlsDescription(),
        current.routes(),
        knownResults);
  }

  /**
   * A script's reason as one line of reply text: printable ASCII only (RFC 5321 §4.2 text; RFC 5429
   * §2.1.1 lets a server shorten or replace it), at most 200 characters.
   */
  static String rejectionText(String reason) {
    StringBuilder out = new StringBuilder();
    reason.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : ' '));
    String text = out.toString().replaceAll(" +", " ").trim();
    if (text.isEmpty()) {
      return "Message rejected by the recipient's filter";
    }
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  /** RFC 3848 and RFC 6531 §3.7.3 "with" keywords. */
  private static String protocol(SmtpSession session, Transaction current) {
    if (!session.conversation().extended()) {
      return "SMTP";
    }
    String base = current.smtpUtf8 ? "UTF8SMTP" : "ESMTP";
    return session.transport().isSecure() ? base + "S" : base;
  }
}
