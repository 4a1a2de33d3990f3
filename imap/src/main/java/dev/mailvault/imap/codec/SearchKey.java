package dev.mailvault.imap.codec;

import java.time.LocalDate;
import java.util.List;

/** A SEARCH criterion as a tree (RFC 9051 §6.4.4); a list of keys means all of them. */
public sealed interface SearchKey {

  /** All of {@code keys} (the top level and parenthesised lists). */
  record And(List<SearchKey> keys) implements SearchKey {}

  record Or(SearchKey left, SearchKey right) implements SearchKey {}

  record Not(SearchKey key) implements SearchKey {}

  /** ALL. */
  record All() implements SearchKey {}

  /** A sequence set of message numbers. */
  record Sequence(SequenceSet set) implements SearchKey {}

  /** UID set. */
  record Uid(SequenceSet set) implements SearchKey {}

  /**
   * A system flag or keyword, present ({@code set}) or absent: ANSWERED/UNANSWERED, SEEN, KEYWORD
   * $Junk, ... {@code flag} is the IMAP spelling ({@code \Seen}, {@code $Junk}).
   */
  record FlagKey(String flag, boolean set) implements SearchKey {}

  /** RFC 3501 session-state keys: NEW, OLD, RECENT (rev1 only). */
  record RecentKey(RecentKind kind) implements SearchKey {}

  /** FROM, TO, CC, BCC, SUBJECT and HEADER: {@code field} is the header name. */
  record Header(String field, String value) implements SearchKey {}

  /** BODY or TEXT substring. */
  record Text(boolean wholeMessage, String value) implements SearchKey {}

  /** BEFORE/ON/SINCE on the internal date, SENT* on the Date header. */
  record Date(DateField field, DateRelation relation, LocalDate date) implements SearchKey {}

  /** LARGER (true) or SMALLER than {@code size} octets. */
  record Size(boolean larger, long size) implements SearchKey {}

  /**
   * MODSEQ (RFC 7162 §3.1.5). The optional entry name and type are read and dropped: a message has
   * one mod-sequence here, not one per flag.
   */
  record ModSeq(long modSeq) implements SearchKey {}

  /**
   * X-REGEX (docs/rfc-status.md, ADR 0221): {@code pattern} found in the text {@code target} names;
   * {@code field} is the header name for {@link RegexTarget#HEADER} (SUBJECT, FROM, TO and CC are
   * that with the field's name), empty otherwise. The pattern passed {@code SearchPattern}'s
   * bounds.
   */
  record Regex(RegexTarget target, String field, String pattern) implements SearchKey {}

  enum RegexTarget {
    HEADER,
    BODY,
    TEXT
  }

  /** RFC 3501 rev1 NEW/OLD/RECENT. */
  enum RecentKind {
    NEW,
    OLD,
    RECENT
  }

  /** EMAILID or THREADID (RFC 8474 §6) with the object id asked for. */
  record ObjectId(boolean thread, String id) implements SearchKey {}

  enum DateField {
    INTERNAL,
    SENT,
    /** RFC 8514 §4.1: SAVEDBEFORE, SAVEDON, SAVEDSINCE. */
    SAVED
  }

  enum DateRelation {
    BEFORE,
    ON,
    SINCE
  }
}
