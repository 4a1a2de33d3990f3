package dev.mailvault.imap.codec;

import java.util.List;
import java.util.Set;

/**
 * One event group of NOTIFY SET (RFC 5465 §3, §6): which mailboxes, and which events of theirs.
 *
 * @param filter the filter-mailboxes keyword
 * @param mailboxes the names of SUBTREE and MAILBOXES (decoded), else empty
 * @param events the events, upper-cased ({@code MESSAGENEW}, {@code FLAGCHANGE}, ...); empty for
 *     NONE
 * @param newMessageItems the fetch-att list after MessageNew, else empty
 */
public record NotifyGroup(
    Filter filter, List<String> mailboxes, Set<String> events, List<FetchItem> newMessageItems) {

  public NotifyGroup {
    mailboxes = List.copyOf(mailboxes);
    events = Set.copyOf(events);
    newMessageItems = List.copyOf(newMessageItems);
  }

  /** RFC 5465 §6 filter-mailboxes. */
  public enum Filter {
    SELECTED,
    SELECTED_DELAYED,
    INBOXES,
    PERSONAL,
    SUBSCRIBED,
    SUBTREE,
    MAILBOXES;

    /** Whether the filter names the selected mailbox rather than others. */
    public boolean selected() {
      return this == SELECTED || this == SELECTED_DELAYED;
    }
  }
}
