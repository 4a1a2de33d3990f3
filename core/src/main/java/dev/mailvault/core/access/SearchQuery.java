package dev.mailvault.core.access;

import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a SEARCH asks for, in terms of stored messages only (RFC 9051 §6.4.4): the protocol resolves
 * sequence numbers, {@code *}, {@code $} and session state such as {@code \Recent} into {@link
 * Uids} before it builds one. Substring keys match case-insensitively against decoded text (RFC
 * 2047 words, transfer encodings and charsets undone).
 */
public sealed interface SearchQuery {

  /** All of {@code queries}; an empty list matches every message. */
  record And(List<SearchQuery> queries) implements SearchQuery {
    public And {
      queries = List.copyOf(queries);
    }
  }

  /** Any of {@code queries}; an empty list matches nothing. */
  record Or(List<SearchQuery> queries) implements SearchQuery {
    public Or {
      queries = List.copyOf(queries);
    }
  }

  record Not(SearchQuery query) implements SearchQuery {
    public Not {
      Objects.requireNonNull(query, "query");
    }
  }

  /** Every message (ALL). */
  record All() implements SearchQuery {}

  /** The messages whose UID is in {@code uids} (an empty set matches nothing). */
  record Uids(UidSet uids) implements SearchQuery {
    public Uids {
      Objects.requireNonNull(uids, "uids");
    }
  }

  /** A system flag set ({@code set}) or not: SEEN, UNSEEN, DELETED, ... */
  record Flag(SystemFlag flag, boolean set) implements SearchQuery {
    public Flag {
      Objects.requireNonNull(flag, "flag");
    }
  }

  /** A keyword set or not (KEYWORD, UNKEYWORD); keywords compare case-insensitively. */
  record Keyword(String keyword, boolean set) implements SearchQuery {
    public Keyword {
      Objects.requireNonNull(keyword, "keyword");
    }
  }

  /**
   * A header field of the message (not of its parts) containing {@code substring}; an empty
   * substring matches every message that has the field (RFC 9051 §6.4.4 HEADER). FROM, TO, CC, BCC
   * and SUBJECT are this with the field's name.
   */
  record Header(String field, String substring) implements SearchQuery {
    public Header {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(substring, "substring");
    }
  }

  /** The body's text contains {@code substring} (BODY). */
  record Body(String substring) implements SearchQuery {
    public Body {
      Objects.requireNonNull(substring, "substring");
    }
  }

  /** The header or the body's text contains {@code substring} (TEXT). */
  record Text(String substring) implements SearchQuery {
    public Text {
      Objects.requireNonNull(substring, "substring");
    }
  }

  /** Where an X-REGEX key looks. */
  enum RegexTarget {
    /** The decoded values of the header field named by {@link Regex#field()}. */
    HEADER,
    /** The decoded text parts, as BODY reads them. */
    BODY,
    /** The decoded header section, then the text parts, as TEXT reads them. */
    TEXT
  }

  /**
   * X-REGEX (docs/rfc-status.md): {@code pattern}, an RE2 regular expression checked by {@link
   * SearchPattern}, found anywhere in the text {@code target} names, case-insensitively (the text
   * is folded as for the substring keys). {@code field} is the header name for {@link
   * RegexTarget#HEADER} and empty otherwise.
   */
  record Regex(RegexTarget target, String field, String pattern) implements SearchQuery {
    public Regex {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** How a date key compares a message's day with {@code date}, time and zone disregarded. */
  enum DateRelation {
    BEFORE,
    ON,
    SINCE
  }

  /** BEFORE, ON, SINCE: the day of the internal date (in UTC, the zone the store keeps). */
  record InternalDate(DateRelation relation, LocalDate date) implements SearchQuery {
    public InternalDate {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(date, "date");
    }
  }

  /**
   * SENTBEFORE, SENTON, SENTSINCE: the day of the Date header as written in its own zone. A message
   * without a readable Date header matches none of them.
   */
  record SentDate(DateRelation relation, LocalDate date) implements SearchQuery {
    public SentDate {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(date, "date");
    }
  }

  /**
   * SAVEDBEFORE, SAVEDON, SAVEDSINCE (RFC 8514 §4.1): the UTC day of the save date, or of the
   * internal date for messages saved before save dates were kept (RFC 8514 §4.2's fallback).
   */
  record SaveDate(DateRelation relation, LocalDate date) implements SearchQuery {
    public SaveDate {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(date, "date");
    }
  }

  /** EMAILID (RFC 8474 §6): the messages whose content is {@code emailId}. */
  record EmailId(long emailId) implements SearchQuery {}

  /** LARGER ({@code larger}) or SMALLER than {@code octets}: strictly, RFC822.SIZE. */
  record Size(boolean larger, long octets) implements SearchQuery {}

  /** MODSEQ (RFC 7162 §3.1.5): a mod-sequence greater than or equal to {@code atLeast}. */
  record ModSeq(long atLeast) implements SearchQuery {}

  /** Matches nothing: a set with no UID. */
  static SearchQuery none() {
    return new Uids(new UidSet(List.of()));
  }
}
