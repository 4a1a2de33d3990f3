package dev.mailvault.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectedFolderTest {

  private static VaultEvent.FlagsChanged seen(String folder, long uid, long modseq) {
    return new VaultEvent.FlagsChanged(
        folder, List.of(new MessageFlags(uid, Flags.of(SystemFlag.SEEN), modseq)), modseq);
  }

  @Test
  void aFlagChangeCommittedBeforeTheSelectIsNotAnnouncedWhenItsEventArrivesLate() {
    SelectedFolder view = new SelectedFolder("INBOX", true, 7, 5, new long[] {1, 2, 3, 4});

    view.offer(seen("INBOX", 4, 5));

    assertThat(view.hasPending()).isFalse();
    assertThat(view.takeFlagChanges()).isEmpty();
  }

  @Test
  void aFlagChangeCommittedAfterTheSelectIsAnnounced() {
    SelectedFolder view = new SelectedFolder("INBOX", false, 7, 5, new long[] {1, 2, 3, 4});

    view.offer(seen("INBOX", 4, 6));

    assertThat(view.takeFlagChanges())
        .containsExactly(new MessageFlags(4, Flags.of(SystemFlag.SEEN), 6));
  }

  @Test
  void anotherFoldersFlagChangeIsIgnored() {
    SelectedFolder view = new SelectedFolder("INBOX", false, 7, 5, new long[] {1, 2, 3, 4});

    view.offer(seen("Archive", 4, 9));

    assertThat(view.takeFlagChanges()).isEmpty();
  }

  private static VaultEvent.FlagsChanged flags(long uid, Flags flags, long modseq) {
    return new VaultEvent.FlagsChanged(
        "INBOX", List.of(new MessageFlags(uid, flags, modseq)), modseq);
  }

  @Test
  void aSilentStoreAfterThisSessionsAnnouncedStoreIsNotEchoedWhateverTheEventsTiming() {
    // STORE 2 +FLAGS (\Answered) answered with its FETCH (modseq 6), then STORE 2 FLAGS.SILENT ()
    // (modseq 8); the store's events for both may still be in flight (CI, 201-store.txt).
    Flags answered = Flags.of(SystemFlag.ANSWERED);
    SelectedFolder early = new SelectedFolder("INBOX", false, 7, 5, new long[] {1, 2, 3});
    early.announced(2, 6);
    early.storedSilently(new MessageFlags(2, Flags.NONE, 8));
    early.offer(flags(2, answered, 6));
    assertThat(early.takeFlagChanges()).as("the first event taken alone").isEmpty();
    early.offer(flags(2, Flags.NONE, 8));
    assertThat(early.takeFlagChanges()).as("then its own").isEmpty();

    SelectedFolder merged = new SelectedFolder("INBOX", false, 7, 5, new long[] {1, 2, 3});
    merged.announced(2, 6);
    merged.storedSilently(new MessageFlags(2, Flags.NONE, 8));
    merged.offer(flags(2, answered, 6));
    merged.offer(flags(2, Flags.NONE, 8));
    assertThat(merged.takeFlagChanges()).as("both events merged").isEmpty();
  }

  @Test
  void anotherSessionsChangeHiddenByASilentStoreIsStillTold() {
    // Another session set \Seen at modseq 7, which the client never heard of; this session's
    // STORE .SILENT at modseq 8 replaced it in the pending changes: the client must learn the
    // flags as they now are.
    MessageFlags now = new MessageFlags(2, Flags.of(SystemFlag.FLAGGED), 8);
    SelectedFolder view = new SelectedFolder("INBOX", false, 7, 5, new long[] {1, 2, 3});
    view.announced(2, 6);
    view.storedSilently(now);
    view.offer(seen("INBOX", 2, 7));
    view.offer(flags(2, now.flags(), 8));

    assertThat(view.takeFlagChanges()).containsExactly(now);
  }
}
