package dev.mailvault.mailauth.rspamd;

import java.util.Locale;

/**
 * What rspamd advises doing with a message: its actions, named as in its {@code action} field. The
 * thresholds that lead to each are rspamd's configuration, not ours (issue 16).
 */
public enum RspamdAction {
  NO_ACTION,
  GREYLIST,
  ADD_HEADER,
  REWRITE_SUBJECT,
  SOFT_REJECT,
  REJECT,
  DISCARD,
  QUARANTINE;

  /** rspamd's name of this action: {@code "add header"}. */
  public String rspamdName() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * The action rspamd named {@code name} (case-insensitively). A custom action an operator added to
   * rspamd, or one a later rspamd invents, parses as {@link #NO_ACTION}: we cannot know what it
   * means, and failing open (deliver to the inbox, the headers still say the score) loses no mail,
   * as the MX does when rspamd is down.
   */
  public static RspamdAction parse(String name) {
    if (name == null) {
      return NO_ACTION;
    }
    String wanted = name.trim();
    for (RspamdAction action : values()) {
      if (action.rspamdName().equalsIgnoreCase(wanted)) {
        return action;
      }
    }
    return NO_ACTION;
  }
}
