package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.NotifyGroup;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.NotifyAnnouncer;
import dev.mailvault.imap.session.NotifyState;
import dev.mailvault.imap.session.NotifyState.Event;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * NOTIFY (RFC 5465): which mailboxes' changes the client hears of without asking. The selected
 * mailbox is announced as it always is (EXISTS, EXPUNGE, FETCH FLAGS, ADR 0160); the others by
 * {@code * STATUS} and {@code * LIST} at the end of every command and during IDLE
 * (docs/adr/0226-notify.md). Events: MessageNew, MessageExpunge, FlagChange, MailboxName,
 * SubscriptionChange.
 */
final class NotifyCommand {

  /** RFC 5465 §8: BADEVENT lists what the server supports. */
  private static final ResponseCode BADEVENT =
      new ResponseCode(
          "BADEVENT", "(MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)");

  private static final Set<String> MESSAGE_EVENTS =
      Set.of("MESSAGENEW", "MESSAGEEXPUNGE", "FLAGCHANGE", "ANNOTATIONCHANGE");

  private NotifyCommand() {}

  static void notify(ImapCommand.Notify command, ImapSession session) throws MailvaultException {
    if (command.groups() == null) {
      session.notifications(null);
      session.done(command.tag(), "NOTIFY completed");
      return;
    }
    boolean selectedSeen = false;
    for (NotifyGroup group : command.groups()) {
      if (group.filter().selected()) {
        // RFC 5465 §6: at most one of SELECTED and SELECTED-DELAYED, with message events only.
        if (selectedSeen) {
          throw ImapFailure.bad("SELECTED may be given once");
        }
        selectedSeen = true;
        if (!MESSAGE_EVENTS.containsAll(group.events())) {
          throw ImapFailure.bad("Only message events apply to the selected mailbox");
        }
      } else if (!group.newMessageItems().isEmpty()) {
        // RFC 5465 §5.2: fetch attributes are for the selected mailbox's new messages.
        throw ImapFailure.bad("MessageNew attributes apply to the selected mailbox only");
      }
      for (String event : group.events()) {
        if (!supported(event)) {
          throw ImapFailure.no(BADEVENT, "Event not supported");
        }
      }
    }
    NotifyState state = new NotifyState(command.groups());
    session.notifications(state);
    if (command.status()) {
      initialStatus(session, state);
    }
    session.done(command.tag(), "NOTIFY completed");
  }

  private static boolean supported(String event) {
    try {
      Event.valueOf(event);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * RFC 5465 §3: with STATUS, one {@code * STATUS} now for each other mailbox with message events,
   * carrying the items those events would bring.
   */
  private static void initialStatus(ImapSession session, NotifyState state)
      throws MailvaultException {
    SelectedFolder view = session.selected();
    Set<String> subscriptions =
        state.needsSubscriptions() ? new HashSet<>(session.mailbox().subscriptions()) : Set.of();
    for (FolderInfo folder : session.mailbox().listFolders()) {
      if (view != null && view.name().equals(folder.name())) {
        continue;
      }
      Set<Event> events = EnumSet.copyOf(state.eventsFor(folder.name(), subscriptions));
      events.remove(Event.MAILBOXNAME);
      events.remove(Event.SUBSCRIPTIONCHANGE);
      if (!events.isEmpty()) {
        session.send(NotifyAnnouncer.status(session.writer(), folder, events));
      }
    }
  }
}
