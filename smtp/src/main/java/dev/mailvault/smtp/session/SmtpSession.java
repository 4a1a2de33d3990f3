package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP conversation (RFC 5321 §3, §4.1.4): greeting, EHLO, mail transactions, QUIT.
 *
 * <p>Concurrency: every method runs on the connection's serial executor, one at a time, on a worker
 * thread; nothing here runs on an event loop, so directory look-ups and deliveries may block.
 * Replies go out through the {@link Transport} in the order they are made.
 */
public final class SmtpSession {

  private static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");

  /** RFC 3463 X.3.1: the node's in-flight budget is spent for now (ADR 0166); try again later. */
  private static final SmtpReply BUSY =
      SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later");

  /** What the budget must have left for a DATA to be invited: one spill chunk. */
  private static final long DATA_ROOM = 64 * 1024;

  private final SmtpServices services;
  private final Transport transport;

  /** The EHLO/HELO argument, null until the client greets (and again after STARTTLS). */
  private String heloDomain;

  private boolean extended;
  private Transaction transaction;

  /** The reply a BDAT gets once its chunk is read, when the command itself is refused. */
  private SmtpReply refusedChunk;

  private boolean closed;

  public SmtpSession(SmtpServices services, Transport transport) {
    this.services = services;
    this.transport = transport;
  }

  /** RFC 5321 §4.3.1: the 220 greeting, or 421 for an address that spent its error budget. */
  public void greet() {
    if (services.errors().exhausted(transport.remoteAddress())) {
      services.securityLog().connectionRefused("smtp", transport.remoteAddress(), "error-budget");
      closeWith(SmtpReply.of(421, "4.7.0", "Too many errors from your address; try later"));
      return;
    }
    transport.reply(SmtpReply.of(220, null, services.hostname() + " ESMTP Mailvault ready"));
  }

  /** The client sent nothing for the configured time (RFC 5321 §4.5.3.2.7). */
  public void timedOut() {
    closeWith(
        SmtpReply.of(
            421, "4.4.2", services.hostname() + " Timeout waiting for input; closing connection"));
  }

  /** Message data came more slowly than the minimum rate (ADR 0176). */
  public void tooSlow() {
    closeWith(
        SmtpReply.of(
            421, "4.4.2", services.hostname() + " Data sent too slowly; closing connection"));
  }

  public void onInput(SmtpInput input) {
    if (closed) {
      return;
    }
    if (input instanceof SmtpInput.Command command) {
      onCommand(command.command());
    } else if (input instanceof SmtpInput.Malformed malformed) {
      refuse(malformed.reply());
    } else if (input instanceof SmtpInput.Message message) {
      onMessage(message);
    } else if (input instanceof SmtpInput.Chunk chunk) {
      onChunk(chunk);
    }
  }

  private void onCommand(SmtpCommand command) {
    try {
      if (command instanceof SmtpCommand.Ehlo ehlo) {
        ehlo(ehlo.domain());
      } else if (command instanceof SmtpCommand.Helo helo) {
        helo(helo.domain());
      } else if (command instanceof SmtpCommand.Mail mail) {
        mail(mail);
      } else if (command instanceof SmtpCommand.Rcpt rcpt) {
        rcpt(rcpt);
      } else if (command instanceof SmtpCommand.Data) {
        data();
      } else if (command instanceof SmtpCommand.Bdat bdat) {
        bdat(bdat);
      } else if (command instanceof SmtpCommand.Rset) {
        endTransaction();
        transport.reply(OK);
      } else if (command instanceof SmtpCommand.Noop) {
        transport.reply(OK);
      } else if (command instanceof SmtpCommand.Vrfy) {
        // RFC 5321 §3.5.3: 252 when the server will not verify but will try to deliver.
        transport.reply(
            SmtpReply.of(
                252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
      } else if (command instanceof SmtpCommand.Quit) {
        closeWith(SmtpReply.of(221, "2.0.0", services.hostname() + " closing connection"));
      } else if (command instanceof SmtpCommand.StartTls) {
        startTls();
      } else if (command instanceof SmtpCommand.NotImplemented) {
        throw new SmtpRefusal(502, "5.5.1", "Command not implemented");
      }
    } catch (SmtpRefusal refusal) {
      if (command instanceof SmtpCommand.Data || command instanceof SmtpCommand.StartTls) {
        transport.resumeCommands();
      }
      refuse(refusal.reply());
    }
  }

  // ------------------------------------------------------------------ greeting

  private void ehlo(String domain) {
    // RFC 5321 §4.1.4: EHLO resets the transaction.
    endTransaction();
    heloDomain = domain;
    extended = true;
    List<String> lines = new ArrayList<>();
    lines.add(services.hostname() + " Hello " + TraceHeaders.safeDomain(domain));
    lines.add("SIZE " + services.limits().reader().maxMessageSize()); // RFC 1870
    lines.add("8BITMIME"); // RFC 6152
    lines.add("SMTPUTF8"); // RFC 6531
    lines.add("PIPELINING"); // RFC 2920
    lines.add("ENHANCEDSTATUSCODES"); // RFC 2034
    lines.add("CHUNKING"); // RFC 3030
    if (transport.canStartTls()) {
      lines.add("STARTTLS"); // RFC 3207
    }
    // RFC 2034 §3: no enhanced code on the EHLO answer.
    transport.reply(new SmtpReply(250, null, lines));
  }

  private void helo(String domain) {
    endTransaction();
    heloDomain = domain;
    extended = false;
    transport.reply(SmtpReply.of(250, null, services.hostname() + " Hello"));
  }

  private void startTls() throws SmtpRefusal {
    if (transport.isSecure()) {
      throw new SmtpRefusal(503, "5.5.1", "TLS is already active");
    }
    if (!transport.canStartTls()) {
      throw new SmtpRefusal(502, "5.5.1", "STARTTLS not available");
    }
    // RFC 3207 §4.2: forget everything learnt from the client before TLS.
    heloDomain = null;
    extended = false;
    endTransaction();
    transport.startTls(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
  }

  // ------------------------------------------------------------------ envelope

  private void mail(SmtpCommand.Mail mail) throws SmtpRefusal {
    if (heloDomain == null) {
      throw new SmtpRefusal(503, "5.5.1", "Send EHLO or HELO first");
    }
    if (transaction != null) {
      throw new SmtpRefusal(503, "5.5.1", "Nested MAIL command");
    }
    long max = services.limits().reader().maxMessageSize();
    if (mail.size().isPresent() && mail.size().getAsLong() > max) {
      // RFC 1870 §6.1.
      transport.reply(
          SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
      return;
    }
    String from = mail.reversePath();
    if (!from.isEmpty()) {
      if (!mail.smtpUtf8() && !RecipientResolver.isAscii(from)) {
        throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
      }
      try {
        EmailAddress.parse(from);
      } catch (InvalidAddressException e) {
        throw new SmtpRefusal(501, "5.1.7", "Bad sender address syntax");
      }
    }
    transaction = new Transaction(from, mail.smtpUtf8());
    transport.reply(SmtpReply.of(250, "2.1.0", "Sender OK"));
  }

  private void rcpt(SmtpCommand.Rcpt rcpt) throws SmtpRefusal {
    if (transaction == null) {
      throw new SmtpRefusal(503, "5.5.1", "Need MAIL before RCPT");
    }
    if (transaction.recipientCount() >= services.limits().maxRecipients()) {
      // RFC 5321 §4.5.3.1.10: 452 tells the client to send the rest in another transaction.
      transport.reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
      return;
    }
    AliasRoute route = services.recipients().resolve(rcpt.forwardPath(), transaction.smtpUtf8);
    transaction.addRecipient(rcpt.forwardPath(), route);
    transport.reply(SmtpReply.of(250, "2.1.5", "Recipient OK"));
  }

  // ------------------------------------------------------------------ message

  private void data() throws SmtpRefusal {
    requireRecipients();
    if (transaction.chunking()) {
      throw new SmtpRefusal(503, "5.5.1", "DATA after BDAT");
    }
    if (services.spillArea().budget().available() < DATA_ROOM) {
      // ADR 0166: the node holds as much unfinished input as it may; better now than after the
      // message. Not the client's error: its error budget is not charged.
      transport.reply(BUSY);
      transport.resumeCommands();
      return;
    }
    transport.reply(SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>"));
    transport.startData();
  }

  private void requireRecipients() throws SmtpRefusal {
    if (transaction == null) {
      throw new SmtpRefusal(503, "5.5.1", "Need MAIL and RCPT first");
    }
    if (transaction.recipientCount() == 0) {
      throw new SmtpRefusal(503, "5.5.1", "No valid recipients");
    }
  }

  private void onMessage(SmtpInput.Message message) {
    Transaction current = transaction;
    endTransaction();
    switch (message.problem()) {
      case BUSY:
        transport.reply(BUSY);
        return;
      case BARE_LINE_END:
        refuse(SmtpReply.of(550, "5.6.11", "Bare CR or LF in message; lines must end with CRLF"));
        return;
      case LINE_TOO_LONG:
        refuse(
            SmtpReply.of(
                500,
                "5.5.2",
                "Line too long: more than "
                    + services.limits().reader().maxTextLine()
                    + " octets"));
        return;
      case TOO_BIG:
        transport.reply(
            SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        return;
      default:
        transport.reply(deliver(current, message.content()));
    }
  }

  private void bdat(SmtpCommand.Bdat bdat) {
    // RFC 3030 §2: the reply comes after the chunk, which is read (and dropped) either way.
    try {
      requireRecipients();
      refusedChunk = null;
    } catch (SmtpRefusal refusal) {
      refusedChunk = refusal.reply();
    }
  }

  private void onChunk(SmtpInput.Chunk chunk) {
    if (refusedChunk != null) {
      SmtpReply reply = refusedChunk;
      refusedChunk = null;
      refuse(reply);
      return;
    }
    if (chunk.busy()) {
      // RFC 3030 §3: a failed BDAT ends the transaction.
      endTransaction();
      transport.reply(BUSY);
      return;
    }
    long max = services.limits().reader().maxMessageSize();
    if (chunk.content() == null || transaction.chunkedSize() + chunk.size() > max) {
      // RFC 3030 §3: a failed BDAT ends the transaction.
      endTransaction();
      transport.reply(
          SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
      return;
    }
    ChunkLineEnds lineEnds = transaction.chunkLineEnds(services.limits().reader().lineEnds());
    byte[] content = lineEnds.apply(chunk.content(), chunk.last());
    if (lineEnds.bare()) {
      // ADR 0177: the rule DATA follows; RFC 3030 §3: a failed BDAT ends the transaction.
      endTransaction();
      refuse(ChunkLineEnds.REFUSAL);
      return;
    }
    if (chunk.last() && transaction.chunkedSize() + content.length == 0) {
      // ADR 0177: "BDAT 0 LAST" with nothing before it is no message (RFC 5322 §3.6 wants at
      // least a Date and a From field); RFC 3463 X.6.0: a media error.
      endTransaction();
      refuse(SmtpReply.of(554, "5.6.0", "Empty message refused"));
      return;
    }
    if (!transaction.addChunk(content, services.spillArea())) {
      endTransaction();
      transport.reply(BUSY);
      return;
    }
    if (!chunk.last()) {
      transport.reply(SmtpReply.of(250, "2.0.0", chunk.size() + " octets received"));
      return;
    }
    Transaction current = transaction;
    transaction = null;
    try {
      transport.reply(deliver(current, current.chunkedMessage()));
    } finally {
      current.close();
    }
  }

  /** Ends the mail transaction, if any, returning what its chunks hold to the budget. */
  private void endTransaction() {
    if (transaction != null) {
      transaction.close();
      transaction = null;
    }
  }

  /** The connection is gone: an unfinished BDAT message returns its budget and spill file. */
  public void connectionClosed() {
    closed = true;
    endTransaction();
  }

  private SmtpReply deliver(Transaction current, byte[] content) {
    String id = RandomIds.hex(8);
    Instant arrival = services.clock().instant();
    TraceHeaders.Trace trace =
        new TraceHeaders.Trace(
            heloDomain,
            transport.remoteAddress().getHostAddress(),
            services.hostname(),
            protocol(current),
            transport.tlsDescription(),
            id,
            current.rcptTo());
    byte[] raw = TraceHeaders.prepend(current.mailFrom, List.of(), trace, arrival, content);
    return services
        .deliverer()
        .deliver(
            new MailDelivery.Incoming(raw, arrival, current.mailFrom, current.rcptTo()),
            current.routes(),
            id);
  }

  /** RFC 3848 and RFC 6531 §3.7.3 "with" keywords. */
  private String protocol(Transaction current) {
    if (!extended) {
      return "SMTP";
    }
    String base = current.smtpUtf8 ? "UTF8SMTP" : "ESMTP";
    return transport.isSecure() ? base + "S" : base;
  }

  // ------------------------------------------------------------------ failures

  /** Sends a refusal caused by the client and charges the client's error budget. */
  private void refuse(SmtpReply reply) {
    transport.reply(reply);
    if (services.errors().charge(transport.remoteAddress())) {
      services
          .securityLog()
          .connectionRefused("smtp", transport.remoteAddress(), "error-budget-spent");
      closeWith(SmtpReply.of(421, "4.7.0", "Too many errors; closing connection"));
    }
  }

  private void closeWith(SmtpReply reply) {
    closed = true;
    transport.reply(reply);
    transport.close();
  }
}
