package dev.mailvault.mailauth.rspamd;

/** What rspamd's controller did with a lesson. */
public enum LearnOutcome {
  /** The statistics learned the message ({@code {"success":true}}). */
  LEARNED,
  /**
   * rspamd declined it, e.g. "already learned as spam": a normal answer, not a failure, since a
   * user may move one message in and out of Junk several times.
   */
  REFUSED
}
