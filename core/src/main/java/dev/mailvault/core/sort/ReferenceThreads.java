package dev.mailvault.core.sort;

import dev.mailvault.core.access.MessageThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * THREAD=REFERENCES (RFC 5256 §3), step by step: link messages by Message-ID and References (1),
 * take the roots (2), prune the containers of messages not present (4), gather roots with the same
 * base subject (5), and sort every level by sent date (6). Messages not given (not matching the
 * search, or expunged) take no part, as the RFC's "messages which match the searching criteria".
 *
 * <p>msg-ids and subjects come as numbers ({@link ThreadKeys}), and no step recurses over the tree:
 * a reply chain thousands of messages deep is walked with a list, not the thread's stack
 * (docs/adr/0233-thread-keys-as-numbers.md).
 */
public final class ReferenceThreads {

  /** A node of the tree being built: a message, or a "dummy" for a referenced absent one. */
  private static final class Container {
    /** The message's row in the keys, or -1 for a dummy. */
    int row;

    Container parent;
    final List<Container> children = new ArrayList<>(1);
    boolean removed;
    Container replacedBy;

    /** The row this container sorts by, once step 6 has sorted its children; -1 for none. */
    int earliest = -1;

    /** Its answer, built children first. */
    MessageThread built;

    Container(int row) {
      this.row = row;
    }

    boolean dummy() {
      return row < 0;
    }
  }

  private final ThreadKeys keys;

  private ReferenceThreads(ThreadKeys keys) {
    this.keys = keys;
  }

  /**
   * @param messages the messages to thread, in mailbox (UID) order
   */
  public static List<MessageThread> of(List<ThreadMessage> messages) {
    ThreadKeys keys = new ThreadKeys();
    for (ThreadMessage m : messages) {
      int[] refs = new int[m.references().size()];
      for (int i = 0; i < refs.length; i++) {
        refs[i] = keys.ids().number(m.references().get(i));
      }
      keys.add(
          m.uid(),
          ThreadKeys.dateKey(m.date()),
          keys.ids().number(m.messageId()),
          refs,
          keys.subjects().number(m.subject()),
          m.subjectIsReply());
    }
    return of(keys);
  }

  /** Threads the messages of {@code keys}. */
  public static List<MessageThread> of(ThreadKeys keys) {
    return new ReferenceThreads(keys).run();
  }

  private List<MessageThread> run() {
    List<Container> all = link();
    List<Container> roots = new ArrayList<>();
    for (Container c : all) {
      if (c.parent == null) {
        roots.add(c);
      }
    }
    roots = prune(roots);
    roots = gatherBySubject(roots);
    sort(roots);
    return build(roots);
  }

  /** Step 1: every message and every referenced msg-id gets a container, linked as they say. */
  private List<Container> link() {
    Container[] byId = new Container[keys.ids().size() + 1];
    List<Container> all = new ArrayList<>(keys.size() + keys.size() / 4);
    for (int row = 0; row < keys.size(); row++) {
      int id = keys.messageIds[row];
      Container own;
      Container slot = id == 0 ? null : byId[id];
      if (slot != null && slot.dummy()) {
        own = slot;
        own.row = row;
      } else {
        // 1.A: no valid ID, or the ID of an earlier message: this one gets an ID of its own.
        own = new Container(row);
        all.add(own);
        if (id != 0 && slot == null) {
          byId[id] = own;
        }
      }
      // 1.A: each reference is the child of the one before it, unless it has a parent already
      // or the link would make a loop.
      Container previous = null;
      for (int ref : keys.references[row]) {
        Container current = byId[ref];
        if (current == null) {
          current = new Container(-1);
          byId[ref] = current;
          all.add(current);
        }
        if (previous != null && current.parent == null && !wouldLoop(previous, current)) {
          adopt(previous, current);
        }
        previous = current;
      }
      // 1.B: the last reference is the parent; a parent set before by a truncated References
      // gives way; no references, no parent.
      if (own.parent != null) {
        own.parent.children.remove(own);
        own.parent = null;
      }
      if (previous != null && !wouldLoop(previous, own)) {
        adopt(previous, own);
      }
    }
    return all;
  }

  /** Whether making {@code child} a child of {@code parent} would make a loop. */
  private static boolean wouldLoop(Container parent, Container child) {
    if (child.children.isEmpty()) {
      return parent == child; // a leaf is no one's ancestor: no walk up a long chain
    }
    for (Container c = parent; c != null; c = c.parent) {
      if (c == child) {
        return true;
      }
    }
    return false;
  }

  private static void adopt(Container parent, Container child) {
    if (child.parent != null) {
      child.parent.children.remove(child);
    }
    child.parent = parent;
    parent.children.add(child);
  }

  /**
   * Step 4: a dummy without children goes; a dummy with children gives them to its parent, except
   * at the root, where it stays unless it has only one. Children before parents, so a dummy hands
   * up children already pruned.
   */
  private static List<Container> prune(List<Container> roots) {
    List<Container> order = parentsFirst(roots);
    for (int i = order.size() - 1; i >= 0; i--) {
      Container c = order.get(i);
      if (c.children.isEmpty()) {
        continue;
      }
      List<Container> kept = new ArrayList<>(c.children.size());
      for (Container child : c.children) {
        if (!child.dummy()) {
          kept.add(child);
          continue;
        }
        for (Container grandchild : child.children) {
          grandchild.parent = c;
          kept.add(grandchild);
        }
      }
      c.children.clear();
      c.children.addAll(kept);
    }
    List<Container> kept = new ArrayList<>(roots.size());
    for (Container c : roots) {
      if (c.dummy() && c.children.isEmpty()) {
        continue;
      }
      if (c.dummy() && c.children.size() == 1) {
        Container only = c.children.get(0);
        only.parent = null;
        kept.add(only);
        continue;
      }
      kept.add(c);
    }
    return kept;
  }

  /** Step 5: roots with one base subject come together. */
  private List<Container> gatherBySubject(List<Container> roots) {
    Container[] bySubject = new Container[keys.subjects().size() + 1];
    for (Container root : roots) {
      int subject = subject(root);
      if (subject == 0) {
        continue;
      }
      Container old = bySubject[subject];
      if (old == null
          || (root.dummy() && !old.dummy())
          || (!old.dummy() && reply(old) && !root.dummy() && !reply(root))) {
        bySubject[subject] = root;
      }
    }
    for (Container root : roots) {
      int subject = subject(root);
      Container other = subject == 0 ? null : bySubject[subject];
      if (other == null || other == root || root.removed || root.parent != null) {
        continue;
      }
      if (root.dummy() && other.dummy()) {
        for (Container child : root.children) {
          child.parent = other;
          other.children.add(child);
        }
        root.children.clear();
        root.removed = true;
      } else if (other.dummy()) {
        adoptRoot(other, root);
      } else if (root.dummy()) {
        adoptRoot(root, other);
        bySubject[subject] = root;
      } else if (!reply(other) && reply(root)) {
        adoptRoot(other, root);
      } else {
        Container dummy = new Container(-1);
        Container top = other;
        while (top.replacedBy != null) {
          top = top.replacedBy;
        }
        top.replacedBy = dummy;
        adoptRoot(dummy, other);
        adoptRoot(dummy, root);
        bySubject[subject] = dummy;
      }
    }
    List<Container> result = new ArrayList<>(roots.size());
    for (Container root : roots) {
      Container shown = root;
      while (shown.replacedBy != null) {
        shown = shown.replacedBy;
      }
      if (!shown.removed) {
        result.add(shown);
      }
    }
    return result;
  }

  private boolean reply(Container c) {
    return keys.replies[c.row];
  }

  /** A root becomes a child: it leaves the root set (its place there may pass to a new dummy). */
  private static void adoptRoot(Container parent, Container root) {
    root.removed = root.replacedBy == null;
    adopt(parent, root);
  }

  /** A thread's subject: its root's, or when the root is a dummy its first child's. */
  private int subject(Container root) {
    if (!root.dummy()) {
      return keys.subjects[root.row];
    }
    // its first child: the earliest, a dummy counting as its earliest message
    Container firstChild = null;
    int first = -1;
    for (Container child : root.children) {
      int row = representative(child);
      if (firstChild == null || (row >= 0 && (first < 0 || compareByDate(row, first) < 0))) {
        firstChild = child;
        first = row;
      }
    }
    return firstChild == null || firstChild.dummy() ? 0 : keys.subjects[firstChild.row];
  }

  /**
   * The row whose date a container sorts by before step 6: its own, or its earliest descendant's (a
   * dummy's children are messages after pruning, and step 5 never puts a dummy in a dummy).
   */
  private int representative(Container c) {
    if (!c.dummy()) {
      return c.row;
    }
    int best = -1;
    for (Container child : c.children) {
      int row = child.dummy() ? representative(child) : child.row;
      if (row >= 0 && (best < 0 || compareByDate(row, best) < 0)) {
        best = row;
      }
    }
    return best;
  }

  /** Step 6: every level by sent date; a dummy sorts by its first child once those are sorted. */
  private void sort(List<Container> roots) {
    List<Container> order = parentsFirst(roots);
    for (int i = order.size() - 1; i >= 0; i--) {
      Container c = order.get(i);
      if (c.children.size() > 1) {
        c.children.sort(this::byEarliest);
      }
      c.earliest = c.dummy() ? (c.children.isEmpty() ? -1 : c.children.get(0).earliest) : c.row;
    }
    roots.sort(this::byEarliest);
  }

  private int byEarliest(Container a, Container b) {
    if (a.earliest < 0 || b.earliest < 0) {
      return a.earliest < 0 ? (b.earliest < 0 ? 0 : 1) : -1;
    }
    return compareByDate(a.earliest, b.earliest);
  }

  /** Date order, then mailbox order (RFC 5256 §3: ties keep the order of the mailbox). */
  private int compareByDate(int a, int b) {
    int byDate = Long.compare(keys.dates[a], keys.dates[b]);
    return byDate != 0 ? byDate : Long.compare(keys.uids[a], keys.uids[b]);
  }

  /** The answer, each node built after its children. */
  private List<MessageThread> build(List<Container> roots) {
    List<Container> order = parentsFirst(roots);
    for (int i = order.size() - 1; i >= 0; i--) {
      Container c = order.get(i);
      List<MessageThread> children = new ArrayList<>(c.children.size());
      for (Container child : c.children) {
        children.add(child.built);
        child.built = null;
      }
      c.built = new MessageThread(c.dummy() ? 0 : keys.uids[c.row], children);
    }
    List<MessageThread> threads = new ArrayList<>(roots.size());
    for (Container root : roots) {
      threads.add(root.built);
    }
    return threads;
  }

  /** Every container of the trees under {@code roots}, each before its descendants. */
  private static List<Container> parentsFirst(List<Container> roots) {
    List<Container> order = new ArrayList<>();
    ArrayDeque<Container> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      Container c = pending.pop();
      order.add(c);
      for (Container child : c.children) {
        pending.push(child);
      }
    }
    return order;
  }
}
