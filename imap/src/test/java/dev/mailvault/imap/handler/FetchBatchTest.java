package dev.mailvault.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.UidSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A FETCH reads metadata a chunk of messages at a time, and sections for a batch of messages at
 * once, bounded in count and bytes.
 */
class FetchBatchTest {

  @Test
  void batchesStopAtTheirCountOrTheirBytes() {
    List<MessageMeta> letters = metas(200, 10_000);
    assertThat(FetchCommands.batchEnd(letters, 0, false)).isEqualTo(FetchCommands.BATCH_MESSAGES);
    assertThat(FetchCommands.batchEnd(letters, 190, false)).isEqualTo(200);

    List<MessageMeta> large = metas(10, 300_000);
    assertThat(FetchCommands.batchEnd(large, 0, false)).isEqualTo(3); // 900 KB, a fourth > 1 MiB

    List<MessageMeta> huge = metas(3, 5_000_000);
    assertThat(FetchCommands.batchEnd(huge, 1, false)).as("one message at least").isEqualTo(2);
  }

  @Test
  void metadataOnlyIsOneBatch() {
    assertThat(FetchCommands.batchEnd(metas(500, 1_000_000), 0, true)).isEqualTo(500);
  }

  @Test
  void aLongAnswerIsCutIntoChunksInOrderThatTogetherNameEveryUid() {
    UidSet uids =
        new UidSet(
            List.of(
                new UidSet.Range(1, 2_500),
                new UidSet.Range(2_600, 2_600),
                new UidSet.Range(3_000, 3_498)));
    List<UidSet> chunks = FetchCommands.chunks(uids, 1_000);
    assertThat(chunks)
        .containsExactly(
            UidSet.range(1, 1_000),
            UidSet.range(1_001, 2_000),
            new UidSet(
                List.of(
                    new UidSet.Range(2_001, 2_500),
                    new UidSet.Range(2_600, 2_600),
                    new UidSet.Range(3_000, 3_498))));
    assertThat(FetchCommands.chunks(UidSet.range(1, 1_000), 1_000)).hasSize(1);
    assertThat(FetchCommands.chunks(UidSet.of(), 1_000)).isEmpty();
  }

  private static List<MessageMeta> metas(int count, long size) {
    List<MessageMeta> metas = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      metas.add(new MessageMeta(i, 1, Flags.NONE, Instant.EPOCH, size, "", "", "", null));
    }
    return metas;
  }
}
