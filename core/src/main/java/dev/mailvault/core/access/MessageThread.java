package dev.mailvault.core.access;

import java.util.List;

/**
 * One node of a THREAD answer (RFC 5256 §4): a message and the messages that answer it, in date
 * order. A node without a message ({@code uid} 0) stands for a parent none of the messages is,
 * which THREAD=REFERENCES keeps to hold siblings together.
 *
 * @param uid the message's UID, or 0 for a node without a message
 * @param children the replies, oldest first
 */
public record MessageThread(long uid, List<MessageThread> children) {

  public MessageThread {
    children = List.copyOf(children);
  }

  /** Whether this node stands for a message not among the threaded ones. */
  public boolean isDummy() {
    return uid == 0;
  }
}
