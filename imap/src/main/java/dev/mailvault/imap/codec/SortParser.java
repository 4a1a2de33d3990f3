package dev.mailvault.imap.codec;

import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.imap.codec.ImapCommand.Sort;
import dev.mailvault.imap.codec.ImapCommand.ThreadCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SORT and THREAD arguments (RFC 5256 §4, RFC 5957 §3, ESORT RFC 5267 §3). */
final class SortParser {

  private SortParser() {}

  /**
   * After {@code SORT}: [SP "RETURN" SP "(" options ")"] SP "(" sort-criterion *(SP sort-criterion)
   * ")" SP charset 1*(SP search-key).
   */
  static Sort sort(ImapReader in, String tag, boolean uid) throws ParseException {
    in.sp();
    List<String> returnOptions = null;
    if (in.acceptWord("RETURN")) {
      in.sp();
      returnOptions = SearchParser.returnOptions(in);
      in.sp();
    }
    List<SortCriterion> criteria = new ArrayList<>();
    in.expect('(');
    do {
      criteria.add(criterion(in));
    } while (in.accept(' '));
    in.expect(')');
    in.sp();
    String charset = in.astring().toUpperCase(Locale.ROOT);
    in.sp();
    return new Sort(tag, uid, returnOptions, List.copyOf(criteria), charset, SearchParser.keys(in));
  }

  /** After {@code THREAD}: SP thread-alg SP charset 1*(SP search-key). */
  static ThreadCommand thread(ImapReader in, String tag, boolean uid) throws ParseException {
    in.sp();
    String name = in.atom();
    ThreadAlgorithm algorithm =
        switch (name) {
          case "REFERENCES" -> ThreadAlgorithm.REFERENCES;
          case "ORDEREDSUBJECT" -> ThreadAlgorithm.ORDEREDSUBJECT;
          default -> throw in.error("Unknown THREAD algorithm " + name);
        };
    in.sp();
    String charset = in.astring().toUpperCase(Locale.ROOT);
    in.sp();
    return new ThreadCommand(tag, uid, algorithm, charset, SearchParser.keys(in));
  }

  /** CANCELUPDATE SP tag-string *(SP tag-string) (RFC 5267 §4.2). */
  static ImapCommand.CancelUpdate cancelUpdate(ImapReader in, String tag) throws ParseException {
    List<String> tags = new ArrayList<>();
    do {
      in.sp();
      tags.add(in.astring());
    } while (in.peek() == ' ');
    in.end();
    return new ImapCommand.CancelUpdate(tag, List.copyOf(tags));
  }

  /** sort-criterion = ["REVERSE" SP] sort-key. */
  private static SortCriterion criterion(ImapReader in) throws ParseException {
    boolean reverse = false;
    String name = in.atom();
    if (name.equals("REVERSE")) {
      reverse = true;
      in.sp();
      name = in.atom();
    }
    SortCriterion.Key key;
    try {
      key = SortCriterion.Key.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw in.error("Unknown SORT key " + name);
    }
    return new SortCriterion(key, reverse);
  }
}
