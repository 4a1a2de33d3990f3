package dev.mailvault.imap.search;

import java.util.List;

/**
 * The shape of a SEARCH or SORT answer: the IMAP4rev1 {@code * SEARCH} list, or an ESEARCH response
 * (RFC 4731, RFC 9051 §7.3.4, ESORT RFC 5267 §3) with the chosen return data, and what else the
 * RETURN options asked: SAVE (RFC 5182), UPDATE (RFC 5267 §4.2), PARTIAL (RFC 5267 §4.4).
 *
 * @param esearch whether the answer is {@code * ESEARCH}
 * @param min MIN: the lowest match (for SORT: the first in sort order)
 * @param max MAX: the highest match (for SORT: the last in sort order)
 * @param count COUNT: the number of matches
 * @param all ALL: every match as a sequence set
 * @param save SAVE: the matches become {@code $}
 * @param update UPDATE: the client is told later of messages that start or stop matching
 * @param partialFirst PARTIAL's first position (1-based; negative counts from the end), or 0
 * @param partialLast PARTIAL's last position, or 0
 */
public record SearchReturn(
    boolean esearch,
    boolean min,
    boolean max,
    boolean count,
    boolean all,
    boolean save,
    boolean update,
    long partialFirst,
    long partialLast) {

  /**
   * @param returnOptions the RETURN options (PARTIAL followed by its range), or null when the
   *     command had no RETURN
   * @param imap4rev2 whether the session enabled IMAP4rev2, where a SEARCH without RETURN answers
   *     ESEARCH ALL (RFC 9051 §6.4.4)
   * @throws SearchReturnException for an option this server does not know
   */
  public static SearchReturn of(List<String> returnOptions, boolean imap4rev2)
      throws SearchReturnException {
    if (returnOptions == null) {
      return new SearchReturn(imap4rev2, false, false, false, true, false, false, 0, 0);
    }
    boolean min = false;
    boolean max = false;
    boolean count = false;
    boolean all = false;
    boolean save = false;
    boolean update = false;
    long first = 0;
    long last = 0;
    for (int i = 0; i < returnOptions.size(); i++) {
      switch (returnOptions.get(i)) {
        case "MIN" -> min = true;
        case "MAX" -> max = true;
        case "COUNT" -> count = true;
        case "ALL" -> all = true;
        case "SAVE" -> save = true;
        case "UPDATE" -> update = true;
        case "CONTEXT" -> {
          // RFC 5267 §4.1: a hint that the client will ask again; nothing to do with it.
        }
        case "PARTIAL" -> {
          String range = returnOptions.get(++i);
          int colon = range.indexOf(':');
          long a = Long.parseLong(range.substring(0, colon));
          long b = Long.parseLong(range.substring(colon + 1));
          // RFC 5267 §4.4: "4:2" is the range 2:4.
          first = Math.min(a, b);
          last = Math.max(a, b);
        }
        default -> throw new SearchReturnException(returnOptions.get(i));
      }
    }
    // RFC 4731 §3.1: "RETURN ()" is the same as "RETURN (ALL)"; RFC 5182 §2.1 and RFC 5267 §4.2
    // let SAVE and UPDATE stand alone, asking for no result data.
    if (!min && !max && !count && !save && !update && first == 0) {
      all = true;
    }
    return new SearchReturn(true, min, max, count, all, save, update, first, last);
  }

  /** Whether any result data is asked for (SAVE or UPDATE alone ask for none). */
  public boolean anyData() {
    return min || max || count || all || partialFirst != 0;
  }

  /**
   * RFC 5182 §2.4: SAVE with MIN and/or MAX and without ALL or COUNT saves only those; otherwise it
   * saves every match.
   */
  public boolean savesOnlyMinMax() {
    return save && (min || max) && !all && !count;
  }
}
