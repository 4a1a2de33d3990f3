package dev.mailvault.pop3.handler;

import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.pop3.codec.DotStuffer;
import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.codec.TopLines;
import dev.mailvault.pop3.session.Maildrop;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import java.util.Arrays;

/**
 * RETR and TOP (RFC 1939 §5, §7). One message is read at a time and sent in pieces, each after the
 * one before has left the server (see {@link dev.mailvault.pop3.session.Transport#writeThen}): a
 * client that pipelines a hundred RETRs and reads slowly holds one piece in the server, not a
 * hundred messages. A message another session expunged since login is a clean {@code -ERR}.
 */
final class Retrieval {

  /** Octets per piece written. */
  static final int PIECE = 64 * 1024;

  private Retrieval() {}

  static void retr(Pop3Command.Retr command, Pop3Session session)
      throws Pop3Failure, MailvaultException {
    Maildrop maildrop = session.maildrop();
    Maildrop.Entry entry = maildrop.entry(command.message());
    byte[] message = read(session, entry, command.message());
    maildrop.markRetrieved(command.message());
    send(session, Responses.ok(entry.size() + " octets"), message);
  }

  static void top(Pop3Command.Top command, Pop3Session session)
      throws Pop3Failure, MailvaultException {
    Maildrop.Entry entry = session.maildrop().entry(command.message());
    byte[] message = read(session, entry, command.message());
    send(session, Responses.ok("Top of message follows"), TopLines.top(message, command.lines()));
  }

  private static byte[] read(Pop3Session session, Maildrop.Entry entry, int number)
      throws Pop3Failure, MailvaultException {
    try {
      return session.mailbox().fetch(Listing.INBOX, entry.uid());
    } catch (MessageNotFoundException e) {
      throw Pop3Failure.of("Message " + number + " was removed by another session");
    }
  }

  private static void send(Pop3Session session, byte[] status, byte[] body) {
    session.transport().write(status);
    next(session, body, 0, new DotStuffer());
  }

  private static void next(Pop3Session session, byte[] body, int offset, DotStuffer stuffer) {
    int count = Math.min(PIECE, body.length - offset);
    byte[] piece = stuffer.stuff(body, offset, count);
    int done = offset + count;
    if (done == body.length) {
      byte[] end = stuffer.finish();
      byte[] last = Arrays.copyOf(piece, piece.length + end.length);
      System.arraycopy(end, 0, last, piece.length, end.length);
      // The next command waits until this response has left, so pipelined RETRs queue nothing.
      session.transport().writeThen(last, () -> {});
      return;
    }
    session.transport().writeThen(piece, () -> next(session, body, done, stuffer));
  }
}
