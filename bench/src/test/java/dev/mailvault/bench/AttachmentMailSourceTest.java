package dev.mailvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MimePart;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.ThreadParams;

class AttachmentMailSourceTest {

  private static AttachmentMailSource source() {
    AttachmentMailSource source = new AttachmentMailSource();
    source.prepare(new ThreadParams(0, 1, 0, 1, 0, 1, 0, 1, 0, 1));
    return source;
  }

  @Test
  void everyMessageCarriesAValidAttachmentOfItsOwn() {
    AttachmentMailSource source = source();
    byte[] first = source.next().raw();
    byte[] second = source.next().raw();

    assertThat(second).hasSameSizeAs(first);
    byte[] a = attachment(first);
    byte[] b = attachment(second);
    assertThat(a).hasSize(SyntheticMail.ONE_MB_ATTACHMENT);
    assertThat(b).hasSize(SyntheticMail.ONE_MB_ATTACHMENT);
    // Every stored chunk (256 KiB) of the attachment differs, not just its hash.
    for (int offset = 0; offset < a.length; offset += 256 * 1024) {
      int end = Math.min(a.length, offset + 256 * 1024);
      assertThat(Arrays.copyOfRange(a, offset, end))
          .isNotEqualTo(Arrays.copyOfRange(b, offset, end));
    }
  }

  @Test
  void theVaultStoresEachAttachmentAsItsOwnBlob() throws Exception {
    AttachmentMailSource source = source();
    try (BenchVault vault = BenchVault.create("test-", false)) {
      for (int i = 0; i < 3; i++) {
        NewMessage message = source.next();
        vault.vault().append("INBOX", message);
      }
      assertThat(vault.vault().stats().blobs()).isEqualTo(3);
    }
  }

  private static byte[] attachment(byte[] raw) {
    MimePart file = MessageParser.parse(raw).root().children().get(1);
    return Base64.getMimeDecoder()
        .decode(Arrays.copyOfRange(raw, (int) file.bodyStart(), (int) file.end()));
  }
}
