package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MimeCorpus;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.ParsedMessage;
import dev.mailvault.core.mime.SectionReader;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message of the shared MIME corpus goes in and comes out byte-exact: the whole message, its
 * header and text, and every part, as the section reader finds them in the original bytes.
 */
class CorpusRoundTripTest {

  @TempDir Path dir;

  @Test
  void everyCorpusMessageRoundTripsByteExact() throws Exception {
    List<Path> files = corpus();
    assertThat(files).as("the shared corpus").hasSizeGreaterThan(50);
    byte[] key = TestVaults.randomKey();
    List<byte[]> raws = new ArrayList<>();
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("corpus", key, QuotaLedger.UNLIMITED)) {
      for (Path file : files) {
        byte[] raw = Files.readAllBytes(file);
        raws.add(raw);
        vault.append("INBOX", NewMessage.of(raw));
      }
    }
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.open("corpus", key, QuotaLedger.UNLIMITED)) {
      List<MessageMeta> metas = vault.messages("INBOX", UidSet.all());
      for (int i = 0; i < raws.size(); i++) {
        byte[] raw = raws.get(i);
        long uid = i + 1;
        String name = files.get(i).getFileName().toString();
        ParsedMessage parsed = MessageParser.parse(raw);
        ByteSource original = ByteSource.of(raw);

        assertThat(vault.fetch("INBOX", uid)).as(name).isEqualTo(raw);
        assertThat(metas.get(i).size()).as(name).isEqualTo(raw.length);
        assertThat(metas.get(i).envelope()).as(name).isEqualTo(parsed.envelope());
        assertThat(metas.get(i).bodyStructure()).as(name).isEqualTo(parsed.bodyStructure());
        assertThat(metas.get(i).body()).as(name).isEqualTo(parsed.body());
        for (String section : sections(parsed.root())) {
          assertThat(vault.fetchSection("INBOX", uid, section))
              .as(name + " BODY[" + section + "]")
              .isEqualTo(SectionReader.read(parsed.root(), original, section));
        }
      }
    }
  }

  /** HEADER, TEXT and every part's number with .MIME, as far as two levels down. */
  private static List<String> sections(MimePart root) {
    List<String> sections =
        new ArrayList<>(List.of("", "HEADER", "TEXT", "1", "HEADER.FIELDS (FROM TO SUBJECT DATE)"));
    MimePart body = root.message() != null ? root.message() : root;
    for (int i = 0; i < body.children().size(); i++) {
      String number = String.valueOf(i + 1);
      sections.add(number);
      sections.add(number + ".MIME");
      MimePart child = body.children().get(i);
      for (int j = 0; j < child.children().size(); j++) {
        sections.add(number + "." + (j + 1));
      }
    }
    return sections;
  }

  private static List<Path> corpus() throws Exception {
    Path dir = MimeCorpus.directory();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
  }
}
