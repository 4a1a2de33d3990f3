package dev.mailvault.bench.imap;

import java.util.Locale;

/**
 * One step of the mixed workload a logged-in session repeats; a step sends one command, except
 * {@link #EXPUNGE} which flags one message {@code \Deleted} and then expunges it.
 */
enum Step {
  /** {@code FETCH 1:* (FLAGS)}: what a client does to resynchronise flags. */
  FLAGS,
  /** {@code FETCH a:b (ENVELOPE)} over a range of 20: a message list being drawn. */
  ENVELOPE,
  /** {@code FETCH n BODY.PEEK[]} of a random message: a message being opened. */
  BODY,
  /** {@code STORE n +FLAGS (\Seen)} or {@code -FLAGS}, at random. */
  STORE,
  /** {@code APPEND INBOX} of a ~10 KB letter: a sent copy or a delivery. */
  APPEND,
  /** {@code STORE n +FLAGS.SILENT (\Deleted)} then {@code EXPUNGE}. */
  EXPUNGE,
  /** {@code NOOP}: a client polling. */
  NOOP,
  /** {@code IDLE}, a short wait, {@code DONE}. */
  IDLE;

  static Step parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
