package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import java.util.List;
import java.util.Set;

/**
 * CREATE (with CREATE-SPECIAL-USE, RFC 6154 §3), DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE (RFC
 * 9051 §6.3.4-§6.3.8). The hierarchy rules are the store's (ADR 0034); a refusal arrives as a
 * folder exception that the dispatcher turns into NONEXISTENT, ALREADYEXISTS or CANNOT.
 */
final class FolderCommands {

  /** RFC 6154 §2: the special-use attributes a folder may be created with. */
  static final Set<String> SPECIAL_USES =
      Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

  private static final ResponseCode USEATTR = ResponseCode.of("USEATTR");

  private FolderCommands() {}

  /**
   * RFC 9051 §6.3.4: a trailing delimiter only says the client means to create names below; every
   * folder here may hold both messages and folders, so it is dropped. Missing superiors are created
   * by the store.
   */
  static void create(ImapCommand.Create command, ImapSession session) throws MailvaultException {
    String name = command.mailbox();
    if (name.length() > 1 && name.charAt(name.length() - 1) == FolderPattern.DELIMITER) {
      name = name.substring(0, name.length() - 1);
    }
    FolderInfo created = session.mailbox().createFolder(name, specialUse(command.specialUse()));
    // RFC 8474 §4: the new folder's MAILBOXID in the tagged OK.
    session.done(command.tag(), ResponseCode.mailboxId(created.uidValidity()), "CREATE completed");
  }

  /** RFC 6154 §3: an attribute we cannot give is NO [USEATTR], and nothing is created. */
  private static String specialUse(List<String> uses) throws ImapFailure {
    if (uses.isEmpty()) {
      return null;
    }
    if (uses.size() > 1) {
      throw ImapFailure.no(USEATTR, "A mailbox can have only one special use here");
    }
    String use = uses.get(0);
    if (!SPECIAL_USES.contains(use)) {
      throw ImapFailure.no(USEATTR, "Unknown special-use attribute");
    }
    return use;
  }

  /**
   * RFC 9051 §6.3.5: deleting INBOX, or a folder with folders below it (ADR 0034), is refused with
   * CANNOT by the store. The subscription stays (§6.3.5 leaves it to the server; LIST then shows
   * the name as \NonExistent).
   */
  static void delete(ImapCommand.Delete command, ImapSession session) throws MailvaultException {
    session.mailbox().deleteFolder(command.mailbox());
    session.done(command.tag(), "DELETE completed");
  }

  /**
   * RFC 9051 §6.3.6: renames the folder with everything below it; renaming INBOX moves its messages
   * into the new folder and leaves INBOX empty.
   */
  static void rename(ImapCommand.Rename command, ImapSession session) throws MailvaultException {
    session.mailbox().renameFolder(command.from(), command.to());
    session.done(command.tag(), "RENAME completed");
  }

  /**
   * RFC 9051 §6.3.7: a name may be subscribed whether or not the folder exists (the server MAY
   * check; Mailvault does not, as Dovecot does not, so a client can subscribe before creating).
   */
  static void subscribe(ImapCommand.Subscribe command, ImapSession session)
      throws MailvaultException {
    session.mailbox().subscribe(command.mailbox());
    session.done(command.tag(), "SUBSCRIBE completed");
  }

  /** RFC 9051 §6.3.8: OK also when the name was not subscribed. */
  static void unsubscribe(ImapCommand.Unsubscribe command, ImapSession session)
      throws MailvaultException {
    session.mailbox().unsubscribe(command.mailbox());
    session.done(command.tag(), "UNSUBSCRIBE completed");
  }
}
