package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which names a LIST or LSUB answers with, before any of it is written (RFC 9051 §6.3.9, RFC 5258
 * §3): the names that meet the selection (existing folders, or subscribed names with SUBSCRIBED,
 * only special-use folders with SPECIAL-USE) and match a pattern, plus the hierarchy levels between
 * them that are not themselves selected.
 */
final class ListSelection {

  /**
   * One name of the answer.
   *
   * @param info the folder, or null when no folder has that name
   * @param selected whether the name meets the selection criteria itself
   * @param subscribed whether the name is subscribed
   * @param childInfo whether a name below it meets the selection but is not in the answer (RFC 5258
   *     §3.5 CHILDINFO; for LSUB, RFC 3501 §6.3.9, the reason to list a \Noselect level)
   */
  record Entry(
      String name, FolderInfo info, boolean selected, boolean subscribed, boolean childInfo) {}

  private ListSelection() {}

  /**
   * @param folders every folder of the mailbox
   * @param subscriptions the subscribed names when selecting by subscription, else null
   * @param specialUseOnly the SPECIAL-USE selection option (RFC 6154 §5.3)
   * @param recursiveMatch RECURSIVEMATCH (RFC 5258 §3): list unselected parents of selected names
   *     the patterns miss, with CHILDINFO
   */
  static List<Entry> select(
      Collection<FolderInfo> folders,
      Set<String> subscriptions,
      List<FolderPattern> patterns,
      boolean specialUseOnly,
      boolean recursiveMatch) {
    Map<String, FolderInfo> byName = new LinkedHashMap<>();
    for (FolderInfo folder : folders) {
      byName.put(folder.name(), folder);
    }
    Set<String> chosen = new HashSet<>();
    if (subscriptions != null) {
      for (String name : subscriptions) {
        FolderInfo info = byName.get(name);
        if (!specialUseOnly || info != null && info.specialUse() != null) {
          chosen.add(name);
        }
      }
    } else {
      for (FolderInfo folder : folders) {
        if (!specialUseOnly || folder.specialUse() != null) {
          chosen.add(folder.name());
        }
      }
    }
    // Every level above a chosen name is a candidate: '%' stops at it (RFC 9051 §6.3.9).
    Set<String> candidates = new TreeSet<>(ListSelection::compareNames);
    Set<String> aboveMissed = new HashSet<>();
    Set<String> aboveChosen = new HashSet<>();
    for (String name : chosen) {
      candidates.add(name);
      boolean missed = !matchesAny(patterns, name);
      for (String ancestor : ancestors(name)) {
        candidates.add(ancestor);
        aboveChosen.add(ancestor);
        if (missed) {
          aboveMissed.add(ancestor);
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (String name : candidates) {
      if (!matchesAny(patterns, name)) {
        continue;
      }
      FolderInfo info = byName.get(name);
      boolean selected = chosen.contains(name);
      boolean subscribed =
          subscriptions != null ? subscriptions.contains(name) : info != null && info.subscribed();
      boolean childInfo = recursiveMatch && aboveMissed.contains(name);
      if (selected || childInfo) {
        entries.add(new Entry(name, info, selected, subscribed, childInfo));
      } else if (subscriptions == null && !specialUseOnly && aboveChosen.contains(name)) {
        // A level without a folder of its own, above existing ones: listed \Noselect.
        entries.add(new Entry(name, info, false, subscribed, false));
      }
    }
    return entries;
  }

  private static boolean matchesAny(List<FolderPattern> patterns, String name) {
    for (FolderPattern pattern : patterns) {
      if (pattern.matches(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code a/b/c} gives a, a/b. */
  static List<String> ancestors(String name) {
    List<String> ancestors = new ArrayList<>();
    for (int i = name.indexOf(FolderPattern.DELIMITER);
        i >= 0;
        i = name.indexOf(FolderPattern.DELIMITER, i + 1)) {
      if (i > 0) {
        ancestors.add(name.substring(0, i));
      }
    }
    return ancestors;
  }

  /** INBOX first, then by name, so a parent comes before its children. */
  private static int compareNames(String a, String b) {
    boolean inboxA = a.equals("INBOX") || a.startsWith("INBOX/");
    boolean inboxB = b.equals("INBOX") || b.startsWith("INBOX/");
    if (inboxA != inboxB) {
      return inboxA ? -1 : 1;
    }
    return Comparator.<String>naturalOrder().compare(a, b);
  }
}
