package dev.mailvault.store;

import com.google.re2j.Pattern;
import dev.mailvault.core.access.SearchPattern;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mime.SearchText;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain evaluator of {@link SearchQuery} over what the generator knows of each message: no SQL,
 * no stored form, one message at a time. The search under test must agree with it.
 */
final class SearchReference {

  /** What is true of one stored message. */
  record Message(long uid, long modseq, Flags flags, SearchFixture.Spec spec) {}

  private SearchReference() {}

  static long[] search(List<Message> messages, SearchQuery query) {
    List<Long> uids = new ArrayList<>();
    for (Message m : messages) {
      if (matches(m, query)) {
        uids.add(m.uid());
      }
    }
    return uids.stream().mapToLong(Long::longValue).toArray();
  }

  static boolean matches(Message m, SearchQuery q) {
    if (q instanceof SearchQuery.And and) {
      return and.queries().stream().allMatch(child -> matches(m, child));
    }
    if (q instanceof SearchQuery.Or or) {
      return or.queries().stream().anyMatch(child -> matches(m, child));
    }
    if (q instanceof SearchQuery.Not not) {
      return !matches(m, not.query());
    }
    if (q instanceof SearchQuery.All) {
      return true;
    }
    if (q instanceof SearchQuery.Uids uids) {
      return uids.uids().contains(m.uid());
    }
    if (q instanceof SearchQuery.Flag flag) {
      return m.flags().has(flag.flag()) == flag.set();
    }
    if (q instanceof SearchQuery.Keyword keyword) {
      return m.flags().keywords().contains(keyword.keyword()) == keyword.set();
    }
    if (q instanceof SearchQuery.Header header) {
      for (String value : m.spec().values(header.field())) {
        if (containsIgnoreCase(value, header.substring())) {
          return true;
        }
      }
      return false;
    }
    if (q instanceof SearchQuery.Body body) {
      return containsIgnoreCase(m.spec().bodyText(), body.substring());
    }
    if (q instanceof SearchQuery.Text text) {
      for (String[] h : m.spec().headers()) {
        if (containsIgnoreCase(h[0] + ": " + h[1], text.substring())) {
          return true;
        }
      }
      return containsIgnoreCase(m.spec().bodyText(), text.substring());
    }
    if (q instanceof SearchQuery.InternalDate date) {
      return compare(
          m.spec().internalDate().atOffset(ZoneOffset.UTC).toLocalDate(),
          date.relation(),
          date.date());
    }
    if (q instanceof SearchQuery.SentDate date) {
      LocalDate day = m.spec().sentDay();
      return day != null && compare(day, date.relation(), date.date());
    }
    if (q instanceof SearchQuery.Size size) {
      long octets = m.spec().raw().length;
      return size.larger() ? octets > size.octets() : octets < size.octets();
    }
    if (q instanceof SearchQuery.ModSeq modSeq) {
      return m.modseq() >= modSeq.atLeast();
    }
    if (q instanceof SearchQuery.Regex regex) {
      return regex(m, regex);
    }
    throw new IllegalArgumentException("unknown key " + q);
  }

  // X-REGEX: the pattern, case-insensitive, found in a text folded as the substring keys fold it.
  private static boolean regex(Message m, SearchQuery.Regex regex) {
    Pattern pattern;
    try {
      pattern = SearchPattern.compile(regex.pattern());
    } catch (SearchPatternException e) {
      throw new IllegalArgumentException(e);
    }
    List<String> texts = new ArrayList<>();
    switch (regex.target()) {
      case HEADER -> texts.addAll(m.spec().values(regex.field()));
      case BODY -> texts.add(m.spec().bodyText());
      default -> {
        for (String[] h : m.spec().headers()) {
          texts.add(h[0] + ": " + h[1]);
        }
        texts.add(m.spec().bodyText());
      }
    }
    return texts.stream().anyMatch(t -> pattern.matcher(SearchText.searchForm(t)).find());
  }

  private static boolean compare(LocalDate day, SearchQuery.DateRelation relation, LocalDate date) {
    return switch (relation) {
      case BEFORE -> day.isBefore(date);
      case ON -> day.isEqual(date);
      case SINCE -> !day.isBefore(date);
    };
  }

  private static boolean containsIgnoreCase(String haystack, String needle) {
    for (int i = 0; i + needle.length() <= haystack.length(); i++) {
      if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }
}
