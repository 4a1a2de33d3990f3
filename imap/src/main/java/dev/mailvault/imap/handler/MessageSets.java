package dev.mailvault.imap.handler;

import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.SequenceSet;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.SelectedFolder;

/**
 * Turns a sequence set as the client wrote it into the UIDs it names, against what the session's
 * client knows of the selected folder (RFC 9051 §2.3.1): messages added or expunged by other
 * sessions and not yet announced are neither named nor lost.
 */
final class MessageSets {

  private MessageSets() {}

  /**
   * The UIDs named by {@code set}: message sequence numbers when {@code uid} is false, UIDs
   * otherwise.
   *
   * @throws ImapFailure BAD for {@code $} (SEARCHRES is not offered) and for a sequence number the
   *     client cannot know
   */
  static UidSet resolve(SequenceSet set, boolean uid, SelectedFolder view) throws ImapFailure {
    if (set.saved()) {
      // RFC 5182 §2.1: $ is the last saved result, less what was expunged since; the same UIDs
      // whether the command is a UID command or not.
      return view.knownUids(UidSet.of(view.savedResult()));
    }
    return uid ? uids(set, view) : sequenceNumbers(set, view);
  }

  /**
   * RFC 9051 §6.4.9: {@code *} is the largest UID in use, and UIDs that name no message are
   * ignored, so a UID set is never an error.
   */
  private static UidSet uids(SequenceSet set, SelectedFolder view) {
    if (view.exists() == 0) {
      return UidSet.of();
    }
    return view.knownUids(set.resolve(view.lastUid()));
  }

  /**
   * RFC 9051 §9 (seq-number) and §6.4: a message sequence number larger than the number of messages
   * the client knows, or {@code *} in a folder it knows as empty, is a client error: BAD.
   */
  private static UidSet sequenceNumbers(SequenceSet set, SelectedFolder view) throws ImapFailure {
    int exists = view.exists();
    for (SequenceSet.Range range : set.ranges()) {
      if (outOfRange(range.first(), exists) || outOfRange(range.last(), exists)) {
        throw ImapFailure.bad("Message sequence number out of range");
      }
    }
    return view.uidsOfSequences(set.resolve(exists));
  }

  private static boolean outOfRange(long bound, int exists) {
    return bound == SequenceSet.STAR ? exists == 0 : bound > exists;
  }
}
