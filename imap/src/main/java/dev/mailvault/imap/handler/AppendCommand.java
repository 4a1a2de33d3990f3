package dev.mailvault.imap.handler;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.BinaryPartEncoder;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502), UIDPLUS APPENDUID (RFC 4315 §3), literal8
 * messages (RFC 3516 §4.4) and CATENATE (RFC 4469, {@link CatenateResolver}). The message bytes are
 * stored exactly as received, except the binary parts of a literal8 message, which are stored
 * base64-encoded (ADR 0164).
 */
final class AppendCommand {

  private AppendCommand() {}

  static void append(ImapCommand.Append command, ImapSession session) throws MailvaultException {
    long limit = session.services().limits().appendLimit();
    Instant now = Instant.now();
    MailboxAccess mailbox = session.mailbox();
    CatenateResolver catenate = null;
    List<NewMessage> messages = new ArrayList<>(command.messages().size());
    for (ImapCommand.AppendMessage message : command.messages()) {
      if (!message.catenate().isEmpty() && catenate == null) {
        // RFC 4469 §5: a missing target is NO [TRYCREATE] whatever its URLs name.
        mailbox.folder(command.mailbox());
        catenate = new CatenateResolver(mailbox, session.user(), limit);
      }
      byte[] content =
          message.catenate().isEmpty() ? message.content() : catenate.resolve(message.catenate());
      messages.add(newMessage(message, content, limit, now));
    }
    // RFC 3502 §6.3.11: all messages or none, under consecutive UIDs.
    List<AppendResult> results =
        messages.size() == 1
            ? List.of(mailbox.append(command.mailbox(), messages.get(0)))
            : mailbox.appendAll(command.mailbox(), messages);
    MessageCommands.expectNewMailIfSelected(session, command.mailbox());
    List<Long> uids = new ArrayList<>(results.size());
    for (AppendResult result : results) {
      uids.add(result.uid());
    }
    session.done(
        command.tag(),
        ResponseCode.appendUid(results.get(0).uidValidity(), UidSet.of(uids)),
        "APPEND completed");
  }

  /**
   * One message to store. The framer already refused literals over APPENDLIMIT (RFC 7889 §4); the
   * check here keeps the limit a property of APPEND, not only of the framer, and applies to the
   * message as sent.
   */
  private static NewMessage newMessage(
      ImapCommand.AppendMessage message, byte[] content, long limit, Instant now)
      throws ImapFailure {
    if (content.length > limit) {
      throw ImapFailure.no(ResponseCode.TOOBIG, "Message larger than APPENDLIMIT");
    }
    if (content.length == 0) {
      throw ImapFailure.no(null, "An empty message cannot be stored");
    }
    // RFC 9051 §6.3.12: without a date-time the internal date is the time of the append.
    Instant date = message.internalDate() == null ? now : message.internalDate().toInstant();
    // RFC 3516 §4.4: a literal8 message may carry binary parts, which BODY[n] could only return
    // raw (RFC 3516 §4.3 leaves BODY[] as stored); like the reference server, store them base64
    // so BODY[n] stays 7bit and BINARY[n] decodes the original bytes (ADR 0164).
    byte[] stored = message.binary() ? BinaryPartEncoder.encode(content) : content;
    return new NewMessage(stored, message.flags(), date);
  }
}
