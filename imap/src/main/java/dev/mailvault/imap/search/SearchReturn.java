package dev.mailvault.imap.search;

import java.util.List;

/**
 * The shape of a SEARCH answer: the IMAP4rev1 {@code * SEARCH} list, or an ESEARCH response (RFC
 * 4731, RFC 9051 §7.3.4) with the chosen return data.
 *
 * @param esearch whether the answer is {@code * ESEARCH}
 * @param min MIN: the lowest match
 * @param max MAX: the highest match
 * @param count COUNT: the number of matches
 * @param all ALL: every match as a sequence set
 */
public record SearchReturn(boolean esearch, boolean min, boolean max, boolean count, boolean all) {

  /**
   * @param returnOptions the RETURN options, or null when the command had no RETURN
   * @param imap4rev2 whether the session enabled IMAP4rev2, where a SEARCH without RETURN answers
   *     ESEARCH ALL (RFC 9051 §6.4.4)
   * @throws SearchReturnException for SAVE (SEARCHRES, RFC 5182, is not offered)
   */
  public static SearchReturn of(List<String> returnOptions, boolean imap4rev2)
      throws SearchReturnException {
    if (returnOptions == null) {
      return imap4rev2
          ? new SearchReturn(true, false, false, false, true)
          : new SearchReturn(false, false, false, false, true);
    }
    // RFC 4731 §3.1: "RETURN ()" is the same as "RETURN (ALL)".
    if (returnOptions.isEmpty()) {
      return new SearchReturn(true, false, false, false, true);
    }
    boolean min = false;
    boolean max = false;
    boolean count = false;
    boolean all = false;
    for (String option : returnOptions) {
      switch (option) {
        case "MIN" -> min = true;
        case "MAX" -> max = true;
        case "COUNT" -> count = true;
        case "ALL" -> all = true;
        default -> throw new SearchReturnException(option);
      }
    }
    return new SearchReturn(true, min, max, count, all);
  }
}
