package dev.mailvault.imap.handler;

import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.imap.session.ImapSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a COPY or MOVE teaches the spam filter (issue 16, ADR 0255): a message the user puts into
 * Junk is spam, one taken out of Junk into any folder but Trash is ham (deleting spam says nothing
 * about it). The session is the only place the plaintext exists, so it reads the copies and hands
 * them to {@link SpamLearning}, which queues them and returns at once. Bounded per command and best
 * effort: a failure here never reaches the client, whose command has already completed.
 */
final class JunkLessons {

  /** At most this many messages of one command are learned; a bulk move of thousands is not. */
  static final int MAX_MESSAGES_PER_COMMAND = 100;

  /**
   * Larger messages are not read for learning: their text is no better a lesson than a small one.
   */
  static final long MAX_MESSAGE_SIZE = 10L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JunkLessons.class);

  private JunkLessons() {}

  /** Teaches what moving or copying {@code result} from {@code from} to {@code to} says. */
  static void afterCopy(ImapSession session, String from, String to, CopyResult result) {
    SpamLearning learning = session.services().spamLearning();
    if (learning == SpamLearning.NONE || result.isEmpty()) {
      return;
    }
    // The client has its tagged OK before the copies are read.
    session.flush();
    MailboxAccess mailbox = session.mailbox();
    try {
      Optional<SpamLearning.Lesson> lesson = lesson(mailbox.folder(from), mailbox.folder(to));
      if (lesson.isEmpty()) {
        return;
      }
      List<Long> uids = result.destinationUids();
      List<Long> taught = uids.subList(0, Math.min(uids.size(), MAX_MESSAGES_PER_COMMAND));
      for (MessageMeta meta : mailbox.messages(to, UidSet.of(taught))) {
        if (meta.size() > MAX_MESSAGE_SIZE) {
          continue;
        }
        byte[] message = mailbox.fetch(to, meta.uid());
        if (!learning.learn(lesson.get(), mailbox.id(), message)) {
          // The learner's queue is full: the rest of this command would be dropped too.
          return;
        }
      }
    } catch (MailvaultException | RuntimeException e) {
      // The command has completed; learning is best effort (ADR 0255). No folder name or content.
      LOG.info("spam learning skipped: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * Spam when a message enters Junk from elsewhere, ham when it leaves Junk for anything but Trash,
   * nothing otherwise.
   */
  static Optional<SpamLearning.Lesson> lesson(FolderInfo from, FolderInfo to) {
    boolean fromJunk = isJunk(from);
    boolean toJunk = isJunk(to);
    if (toJunk && !fromJunk) {
      return Optional.of(SpamLearning.Lesson.SPAM);
    }
    if (fromJunk && !toJunk && !is(to, "\\Trash", "Trash")) {
      return Optional.of(SpamLearning.Lesson.HAM);
    }
    return Optional.empty();
  }

  /**
   * RFC 6154's {@code \Junk}; by name "Junk" or "Spam" for a folder a client made without the
   * attribute (Thunderbird creates "Junk" with a plain CREATE).
   */
  private static boolean isJunk(FolderInfo folder) {
    return is(folder, "\\Junk", "Junk") || is(folder, "\\Junk", "Spam");
  }

  private static boolean is(FolderInfo folder, String specialUse, String name) {
    if (folder.specialUse() != null) {
      return folder.specialUse().equalsIgnoreCase(specialUse);
    }
    return folder.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }
}
