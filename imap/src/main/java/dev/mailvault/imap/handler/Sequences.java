package dev.mailvault.imap.handler;

import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.SequenceSet;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.SelectedFolder;

/** Turns a command's sequence set into the UIDs it names in the session's view. */
final class Sequences {

  private Sequences() {}

  /**
   * RFC 9051 §6.4.8: in a UID set, {@code *} is the largest UID and UIDs that do not exist are
   * ignored; in a sequence set, {@code *} is the last message and a number beyond it is an error.
   *
   * @throws ImapFailure BAD for a sequence number beyond EXISTS, or for {@code $}
   */
  static UidSet resolve(SequenceSet set, boolean uid, SelectedFolder view) throws ImapFailure {
    if (set.saved()) {
      throw ImapFailure.bad("$ needs SEARCHRES, which is not offered");
    }
    if (uid) {
      return view.knownUids(set.resolve(view.lastUid()));
    }
    if (view.exists() == 0 && mentionsStar(set)) {
      // "1:*" on an empty folder names nothing; clients send it blindly, so it is not an error.
      return new UidSet(java.util.List.of());
    }
    UidSet sequences = set.resolve(view.exists());
    for (UidSet.Range range : sequences.ranges()) {
      if (range.last() > view.exists()) {
        throw ImapFailure.bad("Invalid message sequence number");
      }
    }
    return view.uidsOfSequences(sequences);
  }

  private static boolean mentionsStar(SequenceSet set) {
    for (SequenceSet.Range range : set.ranges()) {
      if (range.first() == SequenceSet.STAR || range.last() == SequenceSet.STAR) {
        return true;
      }
    }
    return false;
  }
}
