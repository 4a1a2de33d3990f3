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
}
