package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * LIST with LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154), CHILDREN (RFC 3348) and LIST-STATUS
 * (RFC 5819), and the rev1 LSUB (RFC 3501 §6.3.9). Names go out in the session's encoding: modified
 * UTF-7 for rev1, UTF-8 after ENABLE IMAP4rev2 or UTF8=ACCEPT.
 */
final class ListCommands {

  private ListCommands() {}

  static void list(ImapCommand.ListMailboxes command, ImapSession session)
      throws MailvaultException {
    if (command.patterns().size() == 1 && command.patterns().get(0).isEmpty()) {
      // RFC 9051 §6.3.9: an empty mailbox name asks for the delimiter and the root.
      session.send(session.writer().untagged().atom("LIST (\\Noselect) \"/\" \"\"").crlf());
      session.done(command.tag(), "LIST completed");
      return;
    }
    Set<String> selection = command.selectionOptions();
    Set<String> returns = command.returnOptions();
    boolean bySubscription = selection.contains("SUBSCRIBED");
    // RFC 5258 §3: selecting SUBSCRIBED implies returning it.
    boolean markSubscribed = bySubscription || returns.contains("SUBSCRIBED");
    List<FolderInfo> folders = session.mailbox().listFolders();
    Set<String> subscriptions =
        bySubscription ? new TreeSet<>(session.mailbox().subscriptions()) : null;
    List<ListSelection.Entry> entries =
        ListSelection.select(
            folders,
            subscriptions,
            patterns(command.reference(), command.patterns()),
            selection.contains("SPECIAL-USE"),
            selection.contains("RECURSIVEMATCH"));
    for (ListSelection.Entry entry : entries) {
      ResponseWriter line =
          session
              .writer()
              .untagged()
              .atom("LIST ")
              .atom(attributes(entry, markSubscribed))
              .atom(" \"/\" ")
              .mailbox(entry.name());
      if (entry.childInfo()) {
        // RFC 5258 §3.5: CHILDINFO names the selection criteria a child met.
        line.atom(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
      }
      session.send(line.crlf());
      if (!command.statusItems().isEmpty() && entry.selected() && entry.info() != null) {
        // RFC 5819 §2: STATUS follows the LIST line of every selectable mailbox listed.
        StatusCommands.writeStatus(session, entry.info(), command.statusItems());
      }
    }
    session.done(command.tag(), "LIST completed");
  }

  /**
   * RFC 3501 §6.3.9: the subscribed names that match; a level above subscribed names that the
   * pattern stops at ('%') is listed with \Noselect.
   */
  static void lsub(ImapCommand.Lsub command, ImapSession session) throws MailvaultException {
    List<ListSelection.Entry> entries =
        ListSelection.select(
            session.mailbox().listFolders(),
            new TreeSet<>(session.mailbox().subscriptions()),
            List.of(FolderPattern.of(command.reference(), command.pattern())),
            false,
            true);
    for (ListSelection.Entry entry : entries) {
      session.send(
          session
              .writer()
              .untagged()
              .atom(entry.selected() ? "LSUB () \"/\" " : "LSUB (\\Noselect) \"/\" ")
              .mailbox(entry.name())
              .crlf());
    }
    session.done(command.tag(), "LSUB completed");
  }

  private static List<FolderPattern> patterns(String reference, List<String> mailboxes) {
    List<FolderPattern> patterns = new ArrayList<>();
    for (String mailbox : mailboxes) {
      if (!mailbox.isEmpty()) {
        patterns.add(FolderPattern.of(reference, mailbox));
      }
    }
    return patterns;
  }

  /**
   * The attributes of one answer: an existing folder's children and special use (given always, as
   * RFC 3348 and RFC 6154 §5.1 allow, so the CHILDREN and SPECIAL-USE return options need nothing
   * more); \NonExistent for a subscribed name without a folder (RFC 5258 §3.4); \Noselect for a
   * level that only holds others.
   */
  static String attributes(ListSelection.Entry entry, boolean markSubscribed) {
    if (entry.info() != null) {
      return FolderAttributes.of(entry.info(), markSubscribed);
    }
    List<String> attributes = new ArrayList<>();
    if (entry.selected()) {
      attributes.add("\\NonExistent");
    } else {
      attributes.add("\\Noselect");
    }
    if (markSubscribed && entry.subscribed()) {
      attributes.add("\\Subscribed");
    }
    return "(" + String.join(" ", attributes) + ")";
  }
}
