package dev.mailvault.imap.session;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.NotifyState.Event;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a NOTIFY client what changed in mailboxes other than the selected one (RFC 5465 §5): one
 * {@code * STATUS} per mailbox with the counters its events changed, read when told (so several
 * events make one line with the latest values), and {@code * LIST} for created, deleted and renamed
 * mailboxes.
 */
public final class NotifyAnnouncer {

  private NotifyAnnouncer() {}

  static void announce(ImapSession session, NotifyState state, SelectedFolder view)
      throws MailvaultException {
    NotifyState.Drained drained = state.drain();
    List<VaultEvent> events = drained.events();
    if (events.isEmpty() && !drained.overflowed()) {
      return;
    }
    MailboxAccess mailbox = session.mailbox();
    Set<String> subscriptions =
        state.needsSubscriptions() ? Set.copyOf(mailbox.subscriptions()) : Set.of();
    String selected = view == null ? null : view.name();
    Map<String, Set<Event>> changed = new LinkedHashMap<>();
    for (VaultEvent event : events) {
      String folder = messageFolder(event);
      if (folder != null) {
        if (folder.equals(selected)) {
          continue;
        }
        Set<Event> wanted = state.eventsFor(folder, subscriptions);
        Event kind = kind(event);
        if (wanted.contains(kind)) {
          changed.computeIfAbsent(folder, f -> EnumSet.noneOf(Event.class)).add(kind);
        }
      } else {
        mailboxName(session, state, event, subscriptions);
      }
    }
    if (drained.overflowed()) {
      // Events were dropped while nobody read them: every watched mailbox's counters are sent.
      for (FolderInfo folder : mailbox.listFolders()) {
        Set<Event> wanted = state.eventsFor(folder.name(), subscriptions);
        wanted.remove(Event.MAILBOXNAME);
        wanted.remove(Event.SUBSCRIPTIONCHANGE);
        if (!folder.name().equals(selected) && !wanted.isEmpty()) {
          changed.computeIfAbsent(folder.name(), f -> EnumSet.noneOf(Event.class)).addAll(wanted);
        }
      }
    }
    for (Map.Entry<String, Set<Event>> entry : changed.entrySet()) {
      FolderInfo info;
      try {
        info = mailbox.folder(entry.getKey());
      } catch (FolderNotFoundException e) {
        continue; // deleted since; a MailboxName client hears that as a LIST
      }
      session.send(status(session.writer(), info, entry.getValue()));
    }
  }

  /**
   * {@code * STATUS name (...)} for a NOTIFY client (RFC 5465 §5.1-§5.3, as the reference server
   * answers): MessageNew gives MESSAGES UIDNEXT UIDVALIDITY, MessageExpunge MESSAGES, FlagChange
   * UIDVALIDITY HIGHESTMODSEQ; in STATUS's own item order.
   */
  public static byte[] status(ResponseWriter line, FolderInfo info, Set<Event> events) {
    line.untagged().atom("STATUS ").mailbox(info.name()).atom(" (");
    StringBuilder items = new StringBuilder();
    if (events.contains(Event.MESSAGENEW) || events.contains(Event.MESSAGEEXPUNGE)) {
      items.append(" MESSAGES ").append(info.messages());
    }
    if (events.contains(Event.MESSAGENEW)) {
      items.append(" UIDNEXT ").append(info.uidNext());
    }
    if (events.contains(Event.MESSAGENEW) || events.contains(Event.FLAGCHANGE)) {
      items.append(" UIDVALIDITY ").append(info.uidValidity());
    }
    if (events.contains(Event.FLAGCHANGE)) {
      items.append(" HIGHESTMODSEQ ").append(info.highestModseq());
    }
    return line.atom(items.toString().strip()).atom(")").crlf().toBytes();
  }

  /** RFC 5465 §5.4 MailboxName: {@code * LIST} of the new name, or {@code \NonExistent}. */
  private static void mailboxName(
      ImapSession session, NotifyState state, VaultEvent event, Set<String> subscriptions) {
    if (event instanceof VaultEvent.SubscriptionChanged change) {
      subscription(session, state, change, subscriptions);
    } else if (event instanceof VaultEvent.FolderCreated created
        && wants(state, created.folder(), subscriptions)) {
      session.send(list(session.writer(), "()", created.folder()).crlf());
    } else if (event instanceof VaultEvent.FolderDeleted deleted
        && wants(state, deleted.folder(), subscriptions)) {
      session.send(list(session.writer(), "(\\NonExistent)", deleted.folder()).crlf());
    } else if (event instanceof VaultEvent.FolderRenamed renamed
        && (wants(state, renamed.from(), subscriptions)
            || wants(state, renamed.to(), subscriptions))) {
      // RFC 5258 §3.1 OLDNAME extended data says which mailbox this was.
      ResponseWriter line = list(session.writer(), "()", renamed.to());
      line.atom(" (\"OLDNAME\" (").mailbox(renamed.from()).atom("))");
      session.send(line.crlf());
    }
  }

  private static boolean wants(NotifyState state, String folder, Set<String> subscriptions) {
    return state.eventsFor(folder, subscriptions).contains(Event.MAILBOXNAME);
  }

  /** RFC 5465 §5.5 SubscriptionChange: {@code * LIST} with or without {@code \Subscribed}. */
  private static void subscription(
      ImapSession session,
      NotifyState state,
      VaultEvent.SubscriptionChanged change,
      Set<String> subscriptions) {
    if (state.eventsFor(change.name(), subscriptions).contains(Event.SUBSCRIPTIONCHANGE)) {
      String attributes = change.subscribed() ? "(\\Subscribed)" : "()";
      session.send(list(session.writer(), attributes, change.name()).crlf());
    }
  }

  private static ResponseWriter list(ResponseWriter line, String attributes, String name) {
    return line.untagged().atom("LIST ").atom(attributes).atom(" \"/\" ").mailbox(name);
  }

  private static String messageFolder(VaultEvent event) {
    if (event instanceof VaultEvent.MessagesAdded added) {
      return added.folder();
    } else if (event instanceof VaultEvent.MessagesExpunged gone) {
      return gone.folder();
    } else if (event instanceof VaultEvent.FlagsChanged flags) {
      return flags.folder();
    }
    return null;
  }

  private static Event kind(VaultEvent event) {
    if (event instanceof VaultEvent.MessagesAdded) {
      return Event.MESSAGENEW;
    }
    return event instanceof VaultEvent.MessagesExpunged ? Event.MESSAGEEXPUNGE : Event.FLAGCHANGE;
  }
}
