package dev.mailvault.imap.session;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.imap.codec.FetchItem;
import dev.mailvault.imap.codec.NotifyGroup;
import dev.mailvault.imap.codec.NotifyGroup.Filter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a session asked to hear of with NOTIFY SET (RFC 5465), and the events of other mailboxes
 * waiting to be told. {@link #offer} runs on the store's event thread and only queues; everything
 * else runs on the session's executor. The selected mailbox's own changes stay with {@link
 * SelectedFolder}; these are the other mailboxes' (RFC 5465 §6: the selected mailbox is excluded
 * from every other filter).
 */
public final class NotifyState {

  /** RFC 5465 §5 events this server reports. */
  public enum Event {
    MESSAGENEW,
    MESSAGEEXPUNGE,
    FLAGCHANGE,
    MAILBOXNAME,
    SUBSCRIPTIONCHANGE
  }

  /** A bounded queue: past this many events, the oldest are dropped and the folders re-read. */
  static final int MAX_PENDING = 10_000;

  private final List<NotifyGroup> groups;
  private final List<VaultEvent> pending = new ArrayList<>();
  private boolean overflowed;

  public NotifyState(List<NotifyGroup> groups) {
    this.groups = List.copyOf(groups);
  }

  public List<NotifyGroup> groups() {
    return groups;
  }

  /** The fetch-att list of the selected mailbox's MessageNew (RFC 5465 §5.2), or empty. */
  public List<FetchItem> newMessageItems() {
    for (NotifyGroup group : groups) {
      if (group.filter().selected() && group.events().contains("MESSAGENEW")) {
        return group.newMessageItems();
      }
    }
    return List.of();
  }

  /** Whether any group asks for events of mailboxes other than the selected one. */
  public boolean watchesOthers() {
    for (NotifyGroup group : groups) {
      if (!group.filter().selected() && !group.events().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The store's thread: queues an event that may concern a watched mailbox. */
  boolean offer(VaultEvent event) {
    if (event instanceof VaultEvent.VaultReplaced || !watchesOthers()) {
      return false;
    }
    synchronized (pending) {
      if (pending.size() >= MAX_PENDING) {
        overflowed = true;
        return true;
      }
      pending.add(event);
    }
    return true;
  }

  /**
   * What was queued since the last call.
   *
   * @param events the events, in commit order
   * @param overflowed whether events were dropped: every watched mailbox is then told again
   */
  record Drained(List<VaultEvent> events, boolean overflowed) {}

  Drained drain() {
    synchronized (pending) {
      Drained out = new Drained(List.copyOf(pending), overflowed);
      pending.clear();
      overflowed = false;
      return out;
    }
  }

  /**
   * The events asked for {@code folder}, a mailbox other than the selected one.
   *
   * @param subscriptions the subscribed names (read only when a SUBSCRIBED group asks)
   */
  public Set<Event> eventsFor(String folder, Set<String> subscriptions) {
    Set<Event> events = EnumSet.noneOf(Event.class);
    for (NotifyGroup group : groups) {
      if (matches(group, folder, subscriptions)) {
        for (String name : group.events()) {
          events.add(Event.valueOf(name));
        }
      }
    }
    return events;
  }

  /** Whether a SUBSCRIBED group needs the subscriptions read. */
  public boolean needsSubscriptions() {
    return groups.stream().anyMatch(g -> g.filter() == Filter.SUBSCRIBED);
  }

  private static boolean matches(NotifyGroup group, String folder, Set<String> subscriptions) {
    return switch (group.filter()) {
      case SELECTED, SELECTED_DELAYED -> false;
      // RFC 5465 §6: INBOXES are where new mail is delivered; here that is INBOX alone.
      case INBOXES -> folder.equals("INBOX");
      case PERSONAL -> true;
      case SUBSCRIBED -> subscriptions.contains(folder);
      case MAILBOXES -> group.mailboxes().contains(folder);
      case SUBTREE ->
          group.mailboxes().stream().anyMatch(m -> folder.equals(m) || folder.startsWith(m + "/"));
    };
  }
}
