package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Maildrop;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import java.util.ArrayList;
import java.util.List;

/**
 * STAT, LIST and UIDL (RFC 1939 §5, §7): answered from the maildrop fixed at login, without
 * touching storage. Sizes are the stored sizes (RFC 1939 §11 allows the count to differ from the
 * octets RETR sends once dot-stuffed).
 */
final class Listing {

  static final String INBOX = "INBOX";

  private Listing() {}

  static void stat(Pop3Command.Stat command, Pop3Session session) {
    Maildrop maildrop = session.maildrop();
    session.ok(maildrop.count() + " " + maildrop.size());
  }

  static void list(Pop3Command.List command, Pop3Session session) throws Pop3Failure {
    Maildrop maildrop = session.maildrop();
    if (command.message() != 0) {
      session.ok(command.message() + " " + maildrop.entry(command.message()).size());
      return;
    }
    List<String> lines = new ArrayList<>();
    for (int number : maildrop.live()) {
      lines.add(number + " " + maildrop.entry(number).size());
    }
    session
        .transport()
        .write(
            Responses.multiLine(
                Responses.ok(maildrop.count() + " messages (" + maildrop.size() + " octets)"),
                lines));
  }

  static void uidl(Pop3Command.Uidl command, Pop3Session session) throws Pop3Failure {
    Maildrop maildrop = session.maildrop();
    if (command.message() != 0) {
      session.ok(command.message() + " " + maildrop.uniqueId(command.message()));
      return;
    }
    List<String> lines = new ArrayList<>();
    for (int number : maildrop.live()) {
      lines.add(number + " " + maildrop.uniqueId(number));
    }
    session
        .transport()
        .write(Responses.multiLine(Responses.ok("Unique-ID listing follows"), lines));
  }
}
