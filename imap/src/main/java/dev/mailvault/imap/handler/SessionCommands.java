package dev.mailvault.imap.handler;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commands valid in every state (RFC 9051 §6.1) and the session-wide ones: ID, ENABLE, NAMESPACE.
 */
final class SessionCommands {

  /** RFC 2971 §3.3: what the server says about itself. No version, to give attackers less. */
  private static final Map<String, String> SERVER_ID = Map.of("name", "Mailvault");

  private SessionCommands() {}

  static void capability(ImapCommand.Capability command, ImapSession session)
      throws MailvaultException {
    session.untagged("CAPABILITY " + String.join(" ", session.table().capabilities(session)));
    session.done(command.tag(), "CAPABILITY completed");
  }

  /** RFC 9051 §6.1.2: NOOP is the poll that lets pending changes be announced. */
  static void noop(ImapCommand.Noop command, ImapSession session) throws MailvaultException {
    session.done(command.tag(), "NOOP completed");
  }

  /** RFC 3501 §6.4.1: CHECK is a NOOP here, every write is committed already. */
  static void check(ImapCommand.Check command, ImapSession session) throws MailvaultException {
    session.done(command.tag(), "CHECK completed");
  }

  /** RFC 9051 §6.1.3: BYE, then the tagged OK, then the connection closes. */
  static void logout(ImapCommand.Logout command, ImapSession session) {
    if (session.condstore()) {
      // A client that caches its view saves it now: tell it what is pending first, so the
      // HIGHESTMODSEQ it keeps covers every change it was told of (RFC 7162 §3.2.5).
      session.announceQuietly();
    }
    session.untagged("BYE Logging out");
    session.ok(command.tag(), "LOGOUT completed");
    // The client may go as soon as it has the OK; giving the vault back can take a while.
    session.flush();
    session.logOut(true);
    session.transport().close();
  }

  /** RFC 2971. The client's fields are not logged: they may identify a person's device. */
  static void id(ImapCommand.Id command, ImapSession session) throws MailvaultException {
    ResponseWriter line = session.writer().untagged().atom("ID ").open();
    boolean first = true;
    for (Map.Entry<String, String> field : SERVER_ID.entrySet()) {
      if (!first) {
        line.sp();
      }
      line.string(field.getKey()).sp().string(field.getValue());
      first = false;
    }
    session.send(line.close().crlf());
    session.done(command.tag(), "ID completed");
  }

  /**
   * RFC 5161 §3.1: answers {@code * ENABLED} with the capabilities that were newly enabled; unknown
   * ones are ignored. IMAP4rev2 (RFC 9051 §6.3.1), UTF8=ACCEPT (RFC 6855 §3), CONDSTORE and QRESYNC
   * (RFC 7162 §3.1, §3.2.3) switch the session's behaviour.
   */
  static void enable(ImapCommand.Enable command, ImapSession session) throws MailvaultException {
    List<String> newlyEnabled = new ArrayList<>();
    for (String capability : command.capabilities()) {
      String name = capability.toUpperCase(java.util.Locale.ROOT);
      if (name.equals("CONDSTORE") || name.equals("QRESYNC")) {
        // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE.
        boolean was = session.condstore();
        session.enableCondstore();
        if (name.equals("QRESYNC") ? session.enable(name) : !was) {
          newlyEnabled.add(name);
        }
      } else if ((name.equals("IMAP4REV2") || name.equals("UTF8=ACCEPT")) && session.enable(name)) {
        newlyEnabled.add(name.equals("IMAP4REV2") ? "IMAP4rev2" : name);
      }
    }
    session.untagged(
        newlyEnabled.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", newlyEnabled));
    session.done(command.tag(), "ENABLE completed");
  }

  /** RFC 2342: one personal namespace, no prefix, '/' as delimiter; no others. */
  static void namespace(ImapCommand.Namespace command, ImapSession session)
      throws MailvaultException {
    session.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
    session.done(command.tag(), "NAMESPACE completed");
  }
}
