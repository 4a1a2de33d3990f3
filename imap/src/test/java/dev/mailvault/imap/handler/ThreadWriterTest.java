package dev.mailvault.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageThread;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 5256 §4 notation of one thread, however deep. */
class ThreadWriterTest {

  private static MessageThread node(long uid, MessageThread... children) {
    return new MessageThread(uid, List.of(children));
  }

  @Test
  void writesTheNotationOfRfc5256() {
    // RFC 5256 §4's example: (2)(3 6 (4 23)(44 7 96))
    MessageThread thread = node(3, node(6, node(4, node(23)), node(44, node(7, node(96)))));
    StringBuilder out = new StringBuilder();
    ThreadWriter.write(out, thread, true, null);
    assertThat(out).hasToString("3 6 (4 23)(44 7 96)");

    StringBuilder dummy = new StringBuilder();
    ThreadWriter.write(dummy, node(0, node(3), node(5, node(8))), true, null);
    assertThat(dummy).hasToString("(3)(5 8)");
  }

  @Test
  void aReplyChainTenThousandDeepIsWrittenFlat() {
    MessageThread chain = node(10_000);
    for (long uid = 9_999; uid >= 1; uid--) {
      chain = node(uid, chain);
    }
    StringBuilder out = new StringBuilder();
    ThreadWriter.write(out, chain, true, null);
    String[] uids = out.toString().split(" ");
    assertThat(uids).hasSize(10_000);
    assertThat(uids[0]).isEqualTo("1");
    assertThat(uids[9_999]).isEqualTo("10000");
  }
}
