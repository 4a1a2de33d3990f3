package dev.mailvault.core.sort;

import dev.mailvault.core.access.MessageThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string-keyed, recursive THREAD=REFERENCES of main before ADR 0233, kept as the oracle of
 * {@link ReferenceThreadsEquivalenceTest}. THREAD=REFERENCES (RFC 5256 §3), step by step: link
 * messages by Message-ID and References (1), take the roots (2), prune the containers of messages
 * not present (4), gather roots with the same base subject (5), and sort every level by sent date
 * (6). Messages not given (not matching the search, or expunged) take no part, as the RFC's
 * "messages which match the searching criteria".
 */
final class StringReferenceThreads {

  /** A node of the tree being built: a message, or a "dummy" for a referenced absent one. */
  private static final class Container {
    ThreadMessage message;
    Container parent;
    final List<Container> children = new ArrayList<>();
    boolean removed;
    Container replacedBy;

    /** The message this container sorts by, once step 6 has sorted its children. */
    ThreadMessage earliest;

    Container(ThreadMessage message) {
      this.message = message;
    }

    boolean dummy() {
      return message == null;
    }
  }

  /** A referenced msg-id: filled when its message turns up. */
  private static final class Slot {
    Container container;
  }

  private StringReferenceThreads() {}

  /**
   * @param messages the messages to thread, in mailbox (UID) order
   */
  public static List<MessageThread> of(List<ThreadMessage> messages) {
    List<Container> all = link(messages);
    List<Container> roots = new ArrayList<>();
    for (Container c : all) {
      if (c.parent == null) {
        roots.add(c);
      }
    }
    roots = prune(roots, true);
    roots = gatherBySubject(roots);
    sort(roots);
    List<MessageThread> threads = new ArrayList<>(roots.size());
    for (Container root : roots) {
      threads.add(toThread(root));
    }
    return threads;
  }

  /** Step 1: every message and every referenced msg-id gets a container, linked as they say. */
  private static List<Container> link(List<ThreadMessage> messages) {
    Map<String, Slot> ids = new HashMap<>();
    List<Container> all = new ArrayList<>();
    for (ThreadMessage m : messages) {
      Container own;
      Slot slot =
          m.messageId().isEmpty() ? null : ids.computeIfAbsent(m.messageId(), k -> new Slot());
      if (slot != null && slot.container != null && slot.container.dummy()) {
        own = slot.container;
        own.message = m;
      } else {
        // 1.A: no valid ID, or the ID of an earlier message: this one gets an ID of its own.
        own = new Container(m);
        all.add(own);
        if (slot != null && slot.container == null) {
          slot.container = own;
        }
      }
      // 1.A: each reference is the child of the one before it, unless it has a parent already
      // or the link would make a loop.
      Container previous = null;
      for (String ref : m.references()) {
        Slot refSlot = ids.computeIfAbsent(ref, k -> new Slot());
        if (refSlot.container == null) {
          refSlot.container = new Container(null);
          all.add(refSlot.container);
        }
        Container current = refSlot.container;
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
   * at the root, where it stays unless it has only one.
   */
  private static List<Container> prune(List<Container> level, boolean root) {
    List<Container> kept = new ArrayList<>();
    for (Container c : level) {
      List<Container> children = prune(c.children, false);
      c.children.clear();
      for (Container child : children) {
        child.parent = c;
        c.children.add(child);
      }
      if (c.dummy() && c.children.isEmpty()) {
        continue;
      }
      if (c.dummy() && (!root || c.children.size() == 1)) {
        for (Container child : c.children) {
          child.parent = root ? null : c.parent;
          kept.add(child);
        }
        continue;
      }
      kept.add(c);
    }
    return kept;
  }

  /** Step 5: roots with one base subject come together. */
  private static List<Container> gatherBySubject(List<Container> roots) {
    Map<String, Container> bySubject = new HashMap<>();
    for (Container root : roots) {
      String subject = subject(root);
      if (subject.isEmpty()) {
        continue;
      }
      Container old = bySubject.get(subject);
      if (old == null
          || (root.dummy() && !old.dummy())
          || (!old.dummy()
              && old.message.subjectIsReply()
              && !root.dummy()
              && !root.message.subjectIsReply())) {
        bySubject.put(subject, root);
      }
    }
    for (Container root : roots) {
      String subject = subject(root);
      Container other = subject.isEmpty() ? null : bySubject.get(subject);
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
        bySubject.put(subject, root);
      } else if (!other.message.subjectIsReply() && root.message.subjectIsReply()) {
        adoptRoot(other, root);
      } else {
        Container dummy = new Container(null);
        Container top = other;
        while (top.replacedBy != null) {
          top = top.replacedBy;
        }
        top.replacedBy = dummy;
        adoptRoot(dummy, other);
        adoptRoot(dummy, root);
        bySubject.put(subject, dummy);
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

  /** A root becomes a child: it leaves the root set (its place there may pass to a new dummy). */
  private static void adoptRoot(Container parent, Container root) {
    root.removed = root.replacedBy == null;
    adopt(parent, root);
  }

  /** A thread's subject: its root's, or when the root is a dummy its first child's. */
  private static String subject(Container root) {
    if (!root.dummy()) {
      return root.message.subject();
    }
    Container first = null;
    for (Container child : root.children) {
      if (first == null || earlier(child, first)) {
        first = child;
      }
    }
    return first == null || first.dummy() ? "" : first.message.subject();
  }

  /** Step 6: every level by sent date; a dummy sorts by its first child once those are sorted. */
  private static void sort(List<Container> level) {
    for (Container c : level) {
      sort(c.children);
      c.earliest =
          c.dummy() ? (c.children.isEmpty() ? null : c.children.get(0).earliest) : c.message;
    }
    level.sort(StringReferenceThreads::byEarliest);
  }

  private static int byEarliest(Container a, Container b) {
    if (a.earliest == null || b.earliest == null) {
      return a.earliest == null ? (b.earliest == null ? 0 : 1) : -1;
    }
    return a.earliest.compareByDate(b.earliest);
  }

  /** Before step 6: whether {@code a} is older than {@code b} (only for a dummy's subject). */
  private static boolean earlier(Container a, Container b) {
    ThreadMessage ma = representative(a);
    ThreadMessage mb = representative(b);
    if (ma == null || mb == null) {
      return ma != null;
    }
    return ma.compareByDate(mb) < 0;
  }

  /** The message whose date a container sorts by: its own, or its earliest descendant's. */
  private static ThreadMessage representative(Container c) {
    if (!c.dummy()) {
      return c.message;
    }
    ThreadMessage best = null;
    for (Container child : c.children) {
      ThreadMessage m = representative(child);
      if (m != null && (best == null || m.compareByDate(best) < 0)) {
        best = m;
      }
    }
    return best;
  }

  private static MessageThread toThread(Container c) {
    List<MessageThread> children = new ArrayList<>(c.children.size());
    for (Container child : c.children) {
      children.add(toThread(child));
    }
    return new MessageThread(c.dummy() ? 0 : c.message.uid(), children);
  }
}
