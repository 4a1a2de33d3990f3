package dev.mailvault.imap.codec;

import dev.mailvault.imap.codec.ImapCommand.Notify;
import dev.mailvault.imap.codec.NotifyGroup.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NOTIFY arguments (RFC 5465 §8): {@code NONE}, or {@code SET [STATUS]} and event groups. Which
 * events the server supports is the handler's business (NO [BADEVENT]); the grammar is checked
 * here.
 */
final class NotifyParser {

  /** More groups than this is not a client's configuration. */
  static final int MAX_GROUPS = 100;

  private NotifyParser() {}

  static Notify parse(ImapReader in, String tag) throws ParseException {
    in.sp();
    String what = in.atom();
    if (what.equals("NONE")) {
      in.end();
      return new Notify(tag, false, null);
    }
    if (!what.equals("SET")) {
      throw in.error("NOTIFY needs SET or NONE");
    }
    in.sp();
    boolean status = in.acceptWord("STATUS");
    if (status) {
      in.sp();
    }
    List<NotifyGroup> groups = new ArrayList<>();
    do {
      if (groups.size() == MAX_GROUPS) {
        throw in.error("Too many NOTIFY event groups");
      }
      groups.add(group(in));
    } while (in.accept(' '));
    in.end();
    return new Notify(tag, status, List.copyOf(groups));
  }

  /** event-group = "(" filter-mailboxes SP events ")". */
  private static NotifyGroup group(ImapReader in) throws ParseException {
    in.expect('(');
    String name = in.atom();
    Filter filter =
        switch (name) {
          case "SELECTED" -> Filter.SELECTED;
          case "SELECTED-DELAYED" -> Filter.SELECTED_DELAYED;
          case "INBOXES" -> Filter.INBOXES;
          case "PERSONAL" -> Filter.PERSONAL;
          case "SUBSCRIBED" -> Filter.SUBSCRIBED;
          case "SUBTREE" -> Filter.SUBTREE;
          case "MAILBOXES" -> Filter.MAILBOXES;
          default -> throw in.error("Unknown NOTIFY filter " + name);
        };
    List<String> mailboxes = new ArrayList<>();
    if (filter == Filter.SUBTREE || filter == Filter.MAILBOXES) {
      in.sp();
      // one-or-more-mailbox = mailbox / "(" mailbox *(SP mailbox) ")"
      if (in.accept('(')) {
        do {
          mailboxes.add(in.mailbox());
        } while (in.accept(' '));
        in.expect(')');
      } else {
        mailboxes.add(in.mailbox());
      }
    }
    in.sp();
    Set<String> events = new LinkedHashSet<>();
    List<FetchItem> items = new ArrayList<>();
    if (!in.acceptWord("NONE")) {
      in.expect('(');
      do {
        String event = in.atom();
        events.add(event);
        // message-event = "MessageNew" [SP "(" fetch-att *(SP fetch-att) ")"]
        if (event.equals("MESSAGENEW") && in.peek() == ' ') {
          int back = in.position();
          in.sp();
          if (in.accept('(')) {
            do {
              items.add(FetchParser.item(in));
            } while (in.accept(' '));
            in.expect(')');
          } else {
            in.reset(back);
          }
        }
      } while (in.accept(' '));
      in.expect(')');
    }
    in.expect(')');
    return new NotifyGroup(filter, mailboxes, events, items);
  }
}
