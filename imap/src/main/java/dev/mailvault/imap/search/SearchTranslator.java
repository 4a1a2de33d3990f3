package dev.mailvault.imap.search;

import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ObjectIds;
import dev.mailvault.imap.codec.SearchKey;
import dev.mailvault.imap.codec.SequenceSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the codec's {@link SearchKey} into the store's {@link SearchQuery} for one session's {@link
 * SearchView}: message sequence numbers and {@code *} become UIDs, {@code \Recent}, NEW and OLD
 * become the session's recent UIDs, and the rest maps key for key (RFC 9051 §6.4.4, RFC 3501
 * §6.4.4).
 */
public final class SearchTranslator {

  private final SearchView view;
  private final long[] savedUids;

  public SearchTranslator(SearchView view) {
    this(view, new long[0]);
  }

  /**
   * @param savedUids {@code $}, the result of the last SEARCH RETURN (SAVE) (RFC 5182 §2.1),
   *     ascending
   */
  public SearchTranslator(SearchView view, long[] savedUids) {
    this.view = view;
    this.savedUids = savedUids.clone();
  }

  /**
   * @param charset the CHARSET argument (upper-cased by the codec), or null
   * @throws BadCharsetException for a charset other than US-ASCII and UTF-8
   */
  public SearchQuery translate(String charset, SearchKey key) throws BadCharsetException {
    // RFC 9051 §6.4.4: US-ASCII and UTF-8 MUST be supported. The codec already decoded the strings
    // as UTF-8, of which US-ASCII is a subset.
    if (charset != null && !BadCharsetException.SUPPORTED.contains(charset)) {
      throw new BadCharsetException();
    }
    return translate(key);
  }

  private SearchQuery translate(SearchKey key) {
    if (key instanceof SearchKey.And and) {
      List<SearchQuery> queries = new ArrayList<>(and.keys().size());
      for (SearchKey k : and.keys()) {
        queries.add(translate(k));
      }
      return new SearchQuery.And(queries);
    }
    if (key instanceof SearchKey.Or or) {
      return new SearchQuery.Or(List.of(translate(or.left()), translate(or.right())));
    }
    if (key instanceof SearchKey.Not not) {
      return new SearchQuery.Not(translate(not.key()));
    }
    if (key instanceof SearchKey.All) {
      return new SearchQuery.All();
    }
    if (key instanceof SearchKey.Sequence sequence) {
      return new SearchQuery.Uids(uidsOfSequenceNumbers(sequence.set()));
    }
    if (key instanceof SearchKey.Uid uid) {
      return new SearchQuery.Uids(uids(uid.set()));
    }
    if (key instanceof SearchKey.FlagKey flag) {
      return flag(flag.flag(), flag.set());
    }
    if (key instanceof SearchKey.RecentKey recent) {
      return recent(recent.kind());
    }
    if (key instanceof SearchKey.Header header) {
      return new SearchQuery.Header(header.field(), header.value());
    }
    if (key instanceof SearchKey.Text text) {
      return text.wholeMessage()
          ? new SearchQuery.Text(text.value())
          : new SearchQuery.Body(text.value());
    }
    if (key instanceof SearchKey.Date date) {
      DateRelation relation = DateRelation.valueOf(date.relation().name());
      return switch (date.field()) {
        case INTERNAL -> new SearchQuery.InternalDate(relation, date.date());
        case SENT -> new SearchQuery.SentDate(relation, date.date());
        case SAVED -> new SearchQuery.SaveDate(relation, date.date());
      };
    }
    if (key instanceof SearchKey.Size size) {
      return new SearchQuery.Size(size.larger(), size.size());
    }
    if (key instanceof SearchKey.Regex regex) {
      return new SearchQuery.Regex(
          SearchQuery.RegexTarget.valueOf(regex.target().name()), regex.field(), regex.pattern());
    }
    if (key instanceof SearchKey.ModSeq modSeq) {
      return new SearchQuery.ModSeq(modSeq.modSeq());
    }
    if (key instanceof SearchKey.ObjectId objectId) {
      // RFC 8474 §6: an id that names no message (a THREADID: threads are not kept yet, ADR 0223)
      // matches nothing.
      long emailId = objectId.thread() ? 0 : ObjectIds.parseEmailId(objectId.id());
      return emailId == 0 ? SearchQuery.none() : new SearchQuery.EmailId(emailId);
    }
    throw new IllegalArgumentException("unknown search key " + key.getClass().getSimpleName());
  }

  /** Sequence numbers name the session's messages; numbers past the last one name nothing. */
  private UidSet uidsOfSequenceNumbers(SequenceSet set) {
    if (set.saved()) {
      // RFC 5182 §2.1: $ names the same messages as a sequence set or as a UID set.
      return UidSet.of(savedUids);
    }
    long[] uids = view.uidBySequence();
    List<UidSet.Range> ranges = new ArrayList<>();
    for (UidSet.Range numbers : set.resolve(uids.length).ranges()) {
      long last = Math.min(numbers.last(), uids.length);
      long first = numbers.first();
      // Consecutive sequence numbers whose UIDs are consecutive too make one range.
      long runStart = -1;
      long previous = -1;
      for (long n = first; n <= last; n++) {
        long uid = uids[(int) n - 1];
        if (runStart < 0) {
          runStart = uid;
        } else if (uid != previous + 1) {
          ranges.add(new UidSet.Range(runStart, previous));
          runStart = uid;
        }
        previous = uid;
      }
      if (runStart >= 0) {
        ranges.add(new UidSet.Range(runStart, previous));
      }
    }
    return new UidSet(ranges);
  }

  /** RFC 9051 §6.4.8: in a UID set, {@code *} is the largest UID in the mailbox. */
  private UidSet uids(SequenceSet set) {
    if (set.saved()) {
      return UidSet.of(savedUids);
    }
    return set.resolve(view.largestUid());
  }

  private SearchQuery flag(String flag, boolean set) {
    if (!flag.startsWith("\\")) {
      return new SearchQuery.Keyword(flag, set);
    }
    if (flag.equalsIgnoreCase("\\Recent")) {
      SearchQuery recent = recentSet();
      return set ? recent : new SearchQuery.Not(recent);
    }
    for (SystemFlag system : SystemFlag.values()) {
      if (system.imapName().equalsIgnoreCase(flag)) {
        return new SearchQuery.Flag(system, set);
      }
    }
    // A system flag no message can carry: set matches nothing, unset everything.
    return set ? new SearchQuery.Uids(new UidSet(List.of())) : new SearchQuery.All();
  }

  // RFC 3501 §6.4.4: NEW is RECENT UNSEEN; OLD is NOT RECENT.
  private SearchQuery recent(SearchKey.RecentKind kind) {
    return switch (kind) {
      case RECENT -> recentSet();
      case NEW ->
          new SearchQuery.And(List.of(recentSet(), new SearchQuery.Flag(SystemFlag.SEEN, false)));
      case OLD -> new SearchQuery.Not(recentSet());
    };
  }

  private SearchQuery recentSet() {
    return new SearchQuery.Uids(UidSet.of(view.recentUids()));
  }
}
