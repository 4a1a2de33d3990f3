package dev.mailvault.imap.session;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.search.SearchResponseFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The SEARCH and SORT results a client asked to keep up to date with RETURN (UPDATE)
 * (CONTEXT=SEARCH and CONTEXT=SORT, RFC 5267 §4): after every announcement each is evaluated again
 * and the difference sent as {@code * ESEARCH (TAG "t") REMOVEFROM (...) ADDTO (...)}; an expunge
 * is sent as REMOVEFROM before its EXPUNGE, while its sequence number still names it. Confined to
 * the session's serial executor, like the {@link SelectedFolder} that holds it.
 */
public final class SearchContexts {

  /** More updating searches than this are refused with NOUPDATE (RFC 5267 §4.2). */
  public static final int MAX_CONTEXTS = 10;

  /** One kept search: its query over UIDs as resolved when it was given, and its last result. */
  private static final class Context {
    final String tag;
    final boolean uid;
    final SearchQuery query;
    final List<SortCriterion> order;
    long[] result;

    Context(String tag, boolean uid, SearchQuery query, List<SortCriterion> order, long[] result) {
      this.tag = tag;
      this.uid = uid;
      this.query = query;
      this.order = order;
      this.result = result;
    }
  }

  private final List<Context> contexts = new ArrayList<>();

  public boolean isEmpty() {
    return contexts.isEmpty();
  }

  /**
   * Keeps a search up to date from now on.
   *
   * @param order the SORT criteria, or null for a SEARCH
   * @param result the UIDs the client was just told, ascending for a SEARCH, in order for a SORT
   * @return false when the session keeps {@link #MAX_CONTEXTS} already
   */
  public boolean add(
      String tag, boolean uid, SearchQuery query, List<SortCriterion> order, long[] result) {
    cancel(List.of(tag));
    if (contexts.size() >= MAX_CONTEXTS) {
      return false;
    }
    contexts.add(new Context(tag, uid, query, order, result.clone()));
    return true;
  }

  /** CANCELUPDATE (RFC 5267 §4.2). */
  public void cancel(Collection<String> tags) {
    contexts.removeIf(c -> tags.contains(c.tag));
  }

  /**
   * REMOVEFROM for the {@code uids} about to be announced as expunged, numbered as they are now.
   */
  public List<byte[]> expunging(Collection<Long> uids, SelectedFolder view) {
    Set<Long> gone = new HashSet<>(uids);
    List<byte[]> lines = new ArrayList<>();
    for (Context c : contexts) {
      List<Long> removed = new ArrayList<>();
      long[] kept = new long[c.result.length];
      int n = 0;
      for (long uid : c.result) {
        if (gone.contains(uid)) {
          removed.add(uid);
        } else {
          kept[n++] = uid;
        }
      }
      if (removed.isEmpty()) {
        continue;
      }
      c.result = Arrays.copyOf(kept, n);
      long[] numbers = numbers(c, removed, view);
      if (numbers.length > 0) {
        lines.add(update(c, numbers, new long[0], new long[0]));
      }
    }
    return lines;
  }

  /** Evaluates every kept search again; the lines tell the client what changed. */
  public List<byte[]> refresh(MailboxAccess mailbox, SelectedFolder view)
      throws MailvaultException {
    List<byte[]> lines = new ArrayList<>();
    for (Iterator<Context> it = contexts.iterator(); it.hasNext(); ) {
      Context c = it.next();
      long[] found =
          c.order == null
              ? mailbox.search(view.name(), c.query)
              : mailbox.sort(view.name(), c.order, c.query);
      long[] now = known(found, view);
      Set<Long> before = asSet(c.result);
      Set<Long> after = asSet(now);
      List<Long> removed = new ArrayList<>();
      for (long uid : c.result) {
        if (!after.contains(uid)) {
          removed.add(uid);
        }
      }
      List<Long> added = new ArrayList<>();
      List<Long> positions = new ArrayList<>();
      for (int i = 0; i < now.length; i++) {
        if (!before.contains(now[i])) {
          added.add(now[i]);
          positions.add((long) i + 1);
        }
      }
      c.result = now;
      if (removed.isEmpty() && added.isEmpty()) {
        continue;
      }
      long[] removedNumbers = numbers(c, removed, view);
      long[] addedNumbers = numbers(c, added, view);
      long[] addedPositions = positions.stream().mapToLong(Long::longValue).toArray();
      if (removedNumbers.length > 0 || addedNumbers.length > 0) {
        lines.add(update(c, removedNumbers, addedNumbers, addedPositions));
      }
    }
    return lines;
  }

  /**
   * {@code * ESEARCH (TAG "t") [UID] [REMOVEFROM (0 set)] [ADDTO (...)]} (RFC 5267 §4.3). A SEARCH
   * result has no order: position 0 and one set. A SORT result says where each message goes.
   */
  private static byte[] update(Context c, long[] removed, long[] added, long[] positions) {
    ResponseWriter out = new ResponseWriter(false).untagged();
    out.atom("ESEARCH").sp().open().atom("TAG").sp().string(c.tag).close();
    if (c.uid) {
      out.sp().atom("UID");
    }
    if (removed.length > 0) {
      long[] ascending = removed.clone();
      Arrays.sort(ascending);
      out.sp()
          .atom("REMOVEFROM")
          .sp()
          .open()
          .atom("0 " + SearchResponseFormatter.compress(ascending));
      out.close();
    }
    if (added.length > 0) {
      out.sp().atom("ADDTO").sp().open();
      if (c.order == null) {
        long[] ascending = added.clone();
        Arrays.sort(ascending);
        out.atom("0 " + SearchResponseFormatter.compress(ascending));
      } else {
        for (int i = 0; i < added.length && i < positions.length; i++) {
          out.atom((i == 0 ? "" : " ") + positions[i] + " " + added[i]);
        }
      }
      out.close();
    }
    return out.crlf().toBytes();
  }

  /** The client's numbers (UIDs or sequence numbers) of the UIDs it still knows. */
  private static long[] numbers(Context c, List<Long> uids, SelectedFolder view) {
    long[] out = new long[uids.size()];
    int n = 0;
    for (long uid : uids) {
      int seq = view.sequenceOf(uid);
      if (seq > 0) {
        out[n++] = c.uid ? uid : seq;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** {@code found} less what the client has not been told of, keeping the order. */
  private static long[] known(long[] found, SelectedFolder view) {
    long[] out = new long[found.length];
    int n = 0;
    for (long uid : found) {
      if (view.sequenceOf(uid) > 0) {
        out[n++] = uid;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static Set<Long> asSet(long[] uids) {
    Set<Long> set = new HashSet<>(uids.length * 2);
    for (long uid : uids) {
      set.add(uid);
    }
    return set;
  }
}
