package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import java.util.ArrayList;
import java.util.List;

/** The mailbox attributes of a LIST answer (RFC 9051 §7.3.1, CHILDREN RFC 3348, RFC 6154). */
final class FolderAttributes {

  private FolderAttributes() {}

  /** {@code (\HasNoChildren \Sent)} */
  static String of(FolderInfo info) {
    return of(info, false);
  }

  /** With {@code \Subscribed} when asked (LIST-EXTENDED, RFC 5258 §3.4). */
  static String of(FolderInfo info, boolean markSubscribed) {
    List<String> attributes = new ArrayList<>();
    attributes.add(info.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
    if (markSubscribed && info.subscribed()) {
      attributes.add("\\Subscribed");
    }
    if (info.specialUse() != null) {
      attributes.add(info.specialUse());
    }
    return "(" + String.join(" ", attributes) + ")";
  }
}
