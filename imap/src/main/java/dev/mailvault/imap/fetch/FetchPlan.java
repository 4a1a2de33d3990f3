package dev.mailvault.imap.fetch;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.imap.codec.FetchItem;
import dev.mailvault.imap.codec.FetchItem.SectionText;
import dev.mailvault.imap.codec.FetchItem.Simple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The items one FETCH command asks of every message, in answer order, worked out once per command:
 * duplicates dropped, UID first for UID FETCH, and whether fetching them sets {@code \Seen}.
 *
 * @param items the items to answer, in order
 * @param marksSeen whether an item reads content without PEEK (RFC 9051 §6.4.5: BODY[...],
 *     BINARY[...], RFC822 and RFC822.TEXT set {@code \Seen})
 */
public record FetchPlan(List<FetchItem> items, boolean marksSeen) {

  public FetchPlan {
    items = List.copyOf(items);
  }

  /**
   * @param requested the items as parsed (the macros ALL, FAST and FULL already expanded)
   * @param uidFetch whether the command was UID FETCH: its answers always carry UID (RFC 9051
   *     §6.4.9)
   */
  public static FetchPlan of(List<FetchItem> requested, boolean uidFetch) {
    LinkedHashSet<FetchItem> items = new LinkedHashSet<>();
    if (uidFetch) {
      items.add(Simple.UID);
    }
    items.addAll(requested);
    boolean marksSeen = false;
    for (FetchItem item : items) {
      marksSeen |= marksSeen(item);
    }
    return new FetchPlan(new ArrayList<>(items), marksSeen);
  }

  /**
   * Whether answering this plan for a message with {@code flags} sets its {@code \Seen} flag. The
   * handler stores {@code \Seen} first (only in a read-write selection), then answers {@link
   * #withFlags()} so the client learns the new flags (RFC 9051 §6.4.5).
   */
  public boolean setsSeen(Flags flags) {
    return marksSeen && !flags.has(SystemFlag.SEEN);
  }

  /** This plan with FLAGS added at the end, unless it is asked already. */
  public FetchPlan withFlags() {
    return with(Simple.FLAGS);
  }

  /** This plan with MODSEQ added (RFC 7162 §3.1.4.1: CONDSTORE-enabled sessions, CHANGEDSINCE). */
  public FetchPlan withModseq() {
    return with(Simple.MODSEQ);
  }

  /** This plan with UID added (RFC 7162 §3.2.4: every FETCH response once QRESYNC is enabled). */
  public FetchPlan withUid() {
    return with(Simple.UID);
  }

  /** Whether MODSEQ is asked (a CONDSTORE-enabling FETCH, RFC 7162 §3.1). */
  public boolean asksModseq() {
    return items.contains(Simple.MODSEQ);
  }

  /** Whether any item reads message content, not only the stored metadata. */
  public boolean readsContent() {
    for (FetchItem item : items) {
      if (item instanceof FetchItem.BodySection
          || item instanceof FetchItem.Binary
          || item instanceof FetchItem.BinarySize
          || item == Simple.RFC822
          || item == Simple.RFC822_HEADER
          || item == Simple.RFC822_TEXT
          || item instanceof FetchItem.Preview) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any item answers from the wide message row: the stored ENVELOPE, BODY or BODYSTRUCTURE
   * strings, the EMAILID (content id) or the SAVEDATE.
   */
  public boolean readsStructure() {
    for (FetchItem item : items) {
      if (item == Simple.ENVELOPE
          || item == Simple.EMAILID
          || item == Simple.SAVEDATE
          || item == Simple.BODY
          || item == Simple.BODYSTRUCTURE
          || item instanceof FetchItem.Binary
          || item instanceof FetchItem.BinarySize) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sections every message's answer reads whole, as {@link
   * dev.mailvault.core.access.MailboxAccess#fetchSection} names them, so they can be read for many
   * messages at once. A partial of the whole message is read as a range instead, and BINARY decodes
   * its part on its own path: neither is listed.
   */
  public List<String> sectionsReadWhole() {
    LinkedHashSet<String> sections = new LinkedHashSet<>();
    for (FetchItem item : items) {
      if (item instanceof FetchItem.BodySection body) {
        boolean wholeMessage =
            body.section().part().isEmpty() && body.section().text() == SectionText.NONE;
        if (body.partial() == null || !wholeMessage) {
          sections.add(SectionNames.spec(body.section()));
        }
      } else if (item == Simple.RFC822) {
        sections.add("");
      } else if (item == Simple.RFC822_HEADER) {
        sections.add("HEADER");
      } else if (item == Simple.RFC822_TEXT) {
        sections.add("TEXT");
      }
    }
    return List.copyOf(sections);
  }

  private FetchPlan with(FetchItem extra) {
    if (items.contains(extra)) {
      return this;
    }
    List<FetchItem> more = new ArrayList<>(items);
    more.add(extra);
    return new FetchPlan(more, marksSeen);
  }

  private static boolean marksSeen(FetchItem item) {
    if (item instanceof FetchItem.BodySection section) {
      return !section.peek();
    }
    if (item instanceof FetchItem.Binary binary) {
      return !binary.peek();
    }
    return item == Simple.RFC822 || item == Simple.RFC822_TEXT;
  }
}
