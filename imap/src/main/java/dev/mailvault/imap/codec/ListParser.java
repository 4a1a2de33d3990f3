package dev.mailvault.imap.codec;

import dev.mailvault.imap.codec.ImapCommand.ListMailboxes;
import dev.mailvault.imap.codec.ImapCommand.Lsub;
import dev.mailvault.imap.codec.ImapCommand.StatusItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LIST (RFC 9051 §6.3.9, LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819), LSUB, status items. */
final class ListParser {

  private static final Set<String> SELECTION =
      Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");
  private static final Set<String> RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE");

  private ListParser() {}

  /** LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]. */
  static ListMailboxes list(ImapReader in, String tag) throws ParseException {
    in.sp();
    List<String> selection = List.of();
    if (in.peek() == '(') {
      selection = in.atomList();
      for (String option : selection) {
        if (!SELECTION.contains(option)) {
          // RFC 5258 §3: unknown selection options get BAD.
          throw in.error("Unknown LIST selection option " + option);
        }
      }
      if (selection.contains("RECURSIVEMATCH")
          && selection.stream().allMatch(o -> o.equals("RECURSIVEMATCH") || o.equals("REMOTE"))) {
        // RFC 5258 §3: RECURSIVEMATCH with no other option but REMOTE (which only widens the
        // listing, selecting nothing) is meaningless and must be refused with BAD.
        throw in.error("RECURSIVEMATCH needs another selection option");
      }
      in.sp();
    }
    String reference = in.mailbox();
    in.sp();
    List<String> patterns = new ArrayList<>();
    if (in.accept('(')) {
      do {
        patterns.add(in.listMailbox());
      } while (in.accept(' '));
      in.expect(')');
    } else {
      patterns.add(in.listMailbox());
    }
    List<String> returns = new ArrayList<>();
    List<StatusItem> status = List.of();
    if (in.accept(' ')) {
      if (!in.acceptWord("RETURN")) {
        throw in.error("Expected RETURN");
      }
      in.sp();
      in.expect('(');
      if (!in.accept(')')) {
        do {
          String option = in.atom();
          if (option.equals("STATUS")) {
            in.sp();
            status = statusItems(in);
          } else if (!RETURN.contains(option)) {
            throw in.error("Unknown LIST return option " + option);
          }
          returns.add(option);
        } while (in.accept(' '));
        in.expect(')');
      }
    }
    in.end();
    return new ListMailboxes(
        tag,
        reference,
        List.copyOf(patterns),
        CommandParser.copyOrdered(selection),
        CommandParser.copyOrdered(returns),
        status);
  }

  /** RFC 3501 §6.3.9: LSUB SP mailbox SP list-mailbox. */
  static Lsub lsub(ImapReader in, String tag) throws ParseException {
    in.sp();
    String reference = in.mailbox();
    in.sp();
    String pattern = in.listMailbox();
    in.end();
    return new Lsub(tag, reference, pattern);
  }

  /** "(" status-att *(SP status-att) ")". */
  static List<StatusItem> statusItems(ImapReader in) throws ParseException {
    List<String> names = in.atomList();
    if (names.isEmpty()) {
      throw in.error("STATUS needs at least one item");
    }
    List<StatusItem> items = new ArrayList<>();
    for (String name : names) {
      try {
        items.add(StatusItem.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw in.error("Unknown STATUS item " + name);
      }
    }
    return List.copyOf(items);
  }
}
