package dev.mailvault.imap.codec;

import dev.mailvault.core.access.SearchPattern;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.SearchKey.DateField;
import dev.mailvault.imap.codec.SearchKey.DateRelation;
import java.util.ArrayList;
import java.util.List;

/** SEARCH arguments (RFC 9051 §6.4.4, ESEARCH RFC 4731, SEARCHRES RFC 5182, RFC 7162 MODSEQ). */
final class SearchParser {

  /** Deeper nesting is refused, so hostile input cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  private SearchParser() {}

  /** After {@code SEARCH}: [SP RETURN (...)] [SP CHARSET charset] 1*(SP search-key). */
  static Search parse(ImapReader in, String tag, boolean uid) throws ParseException {
    in.sp();
    List<String> returnOptions = null;
    if (in.acceptWord("RETURN")) {
      in.sp();
      returnOptions = returnOptions(in);
      in.sp();
    }
    String charset = null;
    if (in.acceptWord("CHARSET")) {
      in.sp();
      charset = in.astring().toUpperCase(java.util.Locale.ROOT);
      in.sp();
    }
    return new Search(tag, uid, charset, returnOptions, keys(in));
  }

  /**
   * {@code "(" [return-opt *(SP return-opt)] ")"}: ESEARCH's MIN, MAX, ALL, COUNT (RFC 4731), SAVE
   * (RFC 5182), UPDATE, CONTEXT and {@code PARTIAL range} (RFC 5267 §4). PARTIAL's range follows it
   * as the next element.
   */
  static List<String> returnOptions(ImapReader in) throws ParseException {
    List<String> options = in.atomList();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.equals("PARTIAL")) {
        if (i + 1 >= options.size() || !isPartialRange(options.get(i + 1))) {
          throw in.error("PARTIAL needs a range such as 1:100");
        }
        i++;
      } else if (!List.of("MIN", "MAX", "ALL", "COUNT", "SAVE", "UPDATE", "CONTEXT")
          .contains(option)) {
        throw in.error("Unknown SEARCH return option " + option);
      }
    }
    return List.copyOf(options);
  }

  /**
   * RFC 5267 §4.4 partial-range: {@code nz-number ":" nz-number}; RFC 9394 adds the same with both
   * numbers negative, counting from the end.
   */
  static boolean isPartialRange(String range) {
    int colon = range.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String first = range.substring(0, colon);
    String last = range.substring(colon + 1);
    boolean negative = first.startsWith("-");
    if (negative != last.startsWith("-")) {
      return false;
    }
    return isNzNumber(negative ? first.substring(1) : first)
        && isNzNumber(negative ? last.substring(1) : last);
  }

  private static boolean isNzNumber(String s) {
    if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(s) <= 0xFFFFFFFFL;
  }

  /** 1*(SP search-key) to the end of the command (the caller consumed the first SP). */
  static SearchKey keys(ImapReader in) throws ParseException {
    List<SearchKey> keys = new ArrayList<>();
    do {
      keys.add(key(in, 0));
    } while (in.accept(' '));
    in.end();
    return keys.size() == 1 ? keys.get(0) : new SearchKey.And(List.copyOf(keys));
  }

  private static SearchKey key(ImapReader in, int depth) throws ParseException {
    if (depth > MAX_DEPTH) {
      throw in.error("SEARCH nested too deeply");
    }
    if (in.accept('(')) {
      List<SearchKey> keys = new ArrayList<>();
      do {
        keys.add(key(in, depth + 1));
      } while (in.accept(' '));
      in.expect(')');
      return keys.size() == 1 ? keys.get(0) : new SearchKey.And(List.copyOf(keys));
    }
    if (in.atSequenceSet()) {
      return new SearchKey.Sequence(in.sequenceSet());
    }
    String name = in.atom();
    return switch (name) {
      case "ALL" -> new SearchKey.All();
      case "ANSWERED" -> flag("\\Answered", true);
      case "UNANSWERED" -> flag("\\Answered", false);
      case "DELETED" -> flag("\\Deleted", true);
      case "UNDELETED" -> flag("\\Deleted", false);
      case "DRAFT" -> flag("\\Draft", true);
      case "UNDRAFT" -> flag("\\Draft", false);
      case "FLAGGED" -> flag("\\Flagged", true);
      case "UNFLAGGED" -> flag("\\Flagged", false);
      case "SEEN" -> flag("\\Seen", true);
      case "UNSEEN" -> flag("\\Seen", false);
      case "KEYWORD", "UNKEYWORD" -> {
        in.sp();
        yield flag(in.rawAtom(), name.equals("KEYWORD"));
      }
      case "NEW" -> new SearchKey.RecentKey(SearchKey.RecentKind.NEW);
      case "OLD" -> new SearchKey.RecentKey(SearchKey.RecentKind.OLD);
      case "RECENT" -> new SearchKey.RecentKey(SearchKey.RecentKind.RECENT);
      case "FROM", "TO", "CC", "BCC", "SUBJECT" -> {
        in.sp();
        yield new SearchKey.Header(headerName(name), in.astring());
      }
      case "HEADER" -> {
        in.sp();
        String field = in.astring();
        in.sp();
        yield new SearchKey.Header(field, in.astring());
      }
      case "BODY", "TEXT" -> {
        in.sp();
        yield new SearchKey.Text(name.equals("TEXT"), in.astring());
      }
      case "BEFORE", "ON", "SINCE" -> date(in, DateField.INTERNAL, name);
      case "SENTBEFORE", "SENTON", "SENTSINCE" -> date(in, DateField.SENT, name.substring(4));
      case "SAVEDBEFORE", "SAVEDON", "SAVEDSINCE" -> date(in, DateField.SAVED, name.substring(5));
      // RFC 8514 §4.1: every folder keeps save dates, so this matches every message.
      case "SAVEDATESUPPORTED" -> new SearchKey.All();
      case "EMAILID", "THREADID" -> {
        in.sp();
        // RFC 8474 §6: objectid = 1*255(ALPHA / DIGIT / "_" / "-"), an atom.
        yield new SearchKey.ObjectId(name.equals("THREADID"), in.atom());
      }
      case "LARGER", "SMALLER" -> {
        in.sp();
        yield new SearchKey.Size(name.equals("LARGER"), in.number64());
      }
      case "UID" -> {
        in.sp();
        yield new SearchKey.Uid(in.sequenceSet());
      }
      case "NOT" -> {
        in.sp();
        yield new SearchKey.Not(key(in, depth + 1));
      }
      case "OR" -> {
        in.sp();
        SearchKey left = key(in, depth + 1);
        in.sp();
        yield new SearchKey.Or(left, key(in, depth + 1));
      }
      case "MODSEQ" -> modSeq(in);
      case "X-REGEX" -> regex(in);
      default -> throw in.error("Unknown SEARCH key " + name);
    };
  }

  /**
   * X-REGEX SP field SP astring, where field is SUBJECT, FROM, TO, CC, BODY, TEXT or HEADER SP
   * astring. A pattern over its bounds or not in RE2 syntax is a syntax error (BAD), named without
   * quoting it.
   */
  private static SearchKey regex(ImapReader in) throws ParseException {
    in.sp();
    String field = in.atom();
    SearchKey.RegexTarget target = SearchKey.RegexTarget.HEADER;
    String header;
    switch (field) {
      case "SUBJECT", "FROM", "TO", "CC" -> header = headerName(field);
      case "HEADER" -> {
        in.sp();
        header = in.astring();
      }
      case "BODY", "TEXT" -> {
        target = field.equals("BODY") ? SearchKey.RegexTarget.BODY : SearchKey.RegexTarget.TEXT;
        header = "";
      }
      default -> throw in.error("Unknown X-REGEX field " + field);
    }
    in.sp();
    String pattern = in.astring();
    try {
      SearchPattern.compile(pattern);
    } catch (SearchPatternException e) {
      throw in.error(e.getMessage());
    }
    return new SearchKey.Regex(target, header, pattern);
  }

  private static SearchKey flag(String flag, boolean set) {
    return new SearchKey.FlagKey(flag, set);
  }

  private static String headerName(String key) {
    return switch (key) {
      case "FROM" -> "From";
      case "TO" -> "To";
      case "CC" -> "Cc";
      case "BCC" -> "Bcc";
      default -> "Subject";
    };
  }

  private static SearchKey date(ImapReader in, DateField field, String relation)
      throws ParseException {
    in.sp();
    return new SearchKey.Date(field, DateRelation.valueOf(relation), in.date());
  }

  /** RFC 7162 §3.1.5: MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer. */
  private static SearchKey modSeq(ImapReader in) throws ParseException {
    in.sp();
    if (in.peek() == '"') {
      in.string(false);
      in.sp();
      String type = in.atom();
      if (!List.of("PRIV", "SHARED", "ALL").contains(type)) {
        throw in.error("Unknown MODSEQ entry type " + type);
      }
      in.sp();
    }
    return new SearchKey.ModSeq(in.number64());
  }
}
