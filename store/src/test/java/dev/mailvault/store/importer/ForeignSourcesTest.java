package dev.mailvault.store.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.TransferListener;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files other software wrote, built by hand here: mboxo and mboxrd with the flag headers of mutt,
 * Dovecot and Thunderbird; a Dovecot-style Maildir++ tree; a directory and a zip of .eml files.
 */
class ForeignSourcesTest {

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    vault = store.create("v", key, QuotaLedger.UNLIMITED);
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  private ImportReport run(ImportSource kind, Path path, String defaultFolder) throws Exception {
    try (MessageSource source = kind.open(path, defaultFolder)) {
      return FileImport.run(source, new MailImport(vault), TransferListener.NONE);
    }
  }

  private List<String> texts(String folder) throws Exception {
    List<String> texts = new ArrayList<>();
    for (long uid : vault.uids(folder)) {
      texts.add(new String(vault.fetch(folder, uid), StandardCharsets.UTF_8));
    }
    return texts;
  }

  private MessageMeta meta(String folder, int index) throws Exception {
    return vault.messages(folder, UidSet.all()).get(index);
  }

  private static String describe(MessageMeta m) {
    StringBuilder sb = new StringBuilder();
    for (SystemFlag f : SystemFlag.values()) {
      if (m.flags().has(f)) {
        sb.append(f.imapName()).append(' ');
      }
    }
    m.flags().keywords().forEach(k -> sb.append(k).append(' '));
    return sb.toString().trim();
  }

  @Test
  void anMboxoFromMuttAndThunderbirdKeepsBodiesReadsFlagsAndDropsStateHeaders() throws Exception {
    Path mbox =
        Files.writeString(
            dir.resolve("old.mbox"),
            """
            From alice@example.com Mon Jan  6 10:00:00 2020
            Return-Path: <alice@example.com>
            Status: RO
            X-Status: AF
            X-Keywords: $Label1, todo
            Subject: one
            X-UID: 5

            Hi
            >From the start, escaped by the writer
            From here on, a line the writer did not escape

            From bob@example.com Tue Jan  7 11:30:00 2020
            Subject: two
            Status: O

            From: not a separator
            bye

            From - Wed Jan  8 12:00:00 2020
            X-Mozilla-Status: 0005
            X-Mozilla-Status2: 00000000
            X-Mozilla-Keys: later
            Subject: three
             continued

            three""");

    ImportReport report = run(ImportSource.MBOX, mbox, "Old mail");

    assertThat(report.added()).isEqualTo(3);
    assertThat(texts("Old mail"))
        .containsExactly(
            "Return-Path: <alice@example.com>\nSubject: one\n\nHi\n"
                + "From the start, escaped by the writer\n"
                + "From here on, a line the writer did not escape\n",
            "Subject: two\n\nFrom: not a separator\nbye\n",
            "Subject: three\n continued\n\nthree");
    assertThat(describe(meta("Old mail", 0))).isEqualTo("\\Seen \\Answered \\Flagged $Label1 todo");
    assertThat(meta("Old mail", 0).internalDate()).isEqualTo(Instant.parse("2020-01-06T10:00:00Z"));
    assertThat(describe(meta("Old mail", 1))).isEmpty();
    assertThat(describe(meta("Old mail", 2))).isEqualTo("\\Seen \\Flagged later");
    assertThat(meta("Old mail", 2).internalDate()).isEqualTo(Instant.parse("2020-01-08T12:00:00Z"));
  }

  @Test
  void anMboxrdWithCrlfLinesIsUnescapedOneLevel() throws Exception {
    String text =
        "From someone Sat Feb 29 23:59:59 2020\r\n"
            + "Subject: rd\r\n\r\n>>From twice\r\n>From once\r\n>not from\r\n\r\n";
    Path mbox = Files.write(dir.resolve("rd.mbox"), text.getBytes(StandardCharsets.US_ASCII));

    run(ImportSource.MBOX, mbox, "INBOX");

    assertThat(texts("INBOX"))
        .containsExactly("Subject: rd\r\n\r\n>From twice\r\nFrom once\r\n>not from\r\n");
    assertThat(meta("INBOX", 0).internalDate()).isEqualTo(Instant.parse("2020-02-29T23:59:59Z"));
  }

  @Test
  void aMaildirPlusPlusTreeBecomesNestedFoldersWithFlagsKeywordsAndDates() throws Exception {
    Path root = dir.resolve("Maildir");
    Instant t1 = Instant.parse("2019-05-01T08:00:00Z");
    Instant t2 = Instant.parse("2019-06-02T09:30:00Z");
    Instant t3 = Instant.parse("2019-07-03T10:45:00Z");
    put(root.resolve("cur/1556697600.M1P1.host,S=30:2,FRS"), "Subject: read\r\n\r\nread\r\n", t1);
    put(root.resolve("new/1559467800.M2P2.host"), "Subject: new\r\n\r\nnew\r\n", t2);
    put(root.resolve("tmp/partial"), "Subject: half delivered\r\n", t2);
    put(root.resolve(".Sent/cur/1.M3P3.host:2,SP"), "Subject: sent\r\n\r\nsent\r\n", t3);
    put(root.resolve(".Archive.2019/cur/2.M4P4.host:2,Tac"), "Subject: old\r\n\r\nold\r\n", t1);
    Files.writeString(root.resolve(".Archive.2019/dovecot-keywords"), "0 $Work\n2 Project-X\n");
    put(root.resolve(".&AOk-t&AOk-/cur/3.M5P5.host:2,"), "Subject: summer\r\n\r\nsun\r\n", t3);
    Files.createDirectories(root.resolve(".Empty/cur"));

    ImportReport report = run(ImportSource.MAILDIR, root, "INBOX");

    assertThat(report.added()).isEqualTo(5);
    assertThat(vault.listFolders().stream().map(FolderInfo::name))
        .contains("Sent", "Archive", "Archive/2019", "été", "Empty");
    assertThat(texts("INBOX"))
        .containsExactly("Subject: read\r\n\r\nread\r\n", "Subject: new\r\n\r\nnew\r\n");
    assertThat(describe(meta("INBOX", 0))).isEqualTo("\\Seen \\Answered \\Flagged");
    assertThat(meta("INBOX", 0).internalDate()).isEqualTo(t1);
    assertThat(describe(meta("INBOX", 1))).isEmpty();
    assertThat(meta("INBOX", 1).internalDate()).isEqualTo(t2);
    assertThat(describe(meta("Sent", 0))).isEqualTo("\\Seen $Forwarded");
    assertThat(describe(meta("Archive/2019", 0))).isEqualTo("\\Deleted $Work Project-X");
    assertThat(texts("été")).containsExactly("Subject: summer\r\n\r\nsun\r\n");

    assertThat(run(ImportSource.MAILDIR, root, "INBOX").added()).isZero();
  }

  @Test
  void aDirectoryOfEmlFilesTakesSubdirectoriesAsFolders() throws Exception {
    Path root = dir.resolve("emls");
    Instant t = Instant.parse("2018-01-01T00:00:00Z");
    put(root.resolve("top.eml"), "Subject: top\r\n\r\n1\r\n", t);
    put(root.resolve("Work/Clients/acme.EML"), "Subject: acme\r\n\r\n2\r\n", t);
    put(root.resolve("Work/notes.txt"), "not mail", t);

    assertThat(run(ImportSource.EML_DIR, root, "Imported").added()).isEqualTo(2);

    assertThat(texts("Imported")).containsExactly("Subject: top\r\n\r\n1\r\n");
    assertThat(texts("Work/Clients")).containsExactly("Subject: acme\r\n\r\n2\r\n");
    assertThat(meta("Work/Clients", 0).internalDate()).isEqualTo(t);
  }

  @Test
  void aZipOfEmlFilesWithoutAManifestUsesItsDirectoriesAndTimes() throws Exception {
    Path zip = dir.resolve("plain.zip");
    Instant t = Instant.parse("2017-03-03T03:03:03Z");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String[] e :
          new String[][] {
            {"a.eml", "Subject: a\r\n\r\na\r\n"}, {"Re%3Aplies/b.eml", "Subject: b\r\n\r\nb\r\n"}
          }) {
        ZipEntry entry = new ZipEntry(e[0]);
        entry.setLastModifiedTime(FileTime.from(t));
        out.putNextEntry(entry);
        out.write(e[1].getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }

    assertThat(run(ImportSource.EML_ZIP, zip, "INBOX").added()).isEqualTo(2);

    assertThat(texts("INBOX")).containsExactly("Subject: a\r\n\r\na\r\n");
    assertThat(texts("Re:plies")).containsExactly("Subject: b\r\n\r\nb\r\n");
    assertThat(meta("Re:plies", 0).internalDate()).isEqualTo(t);
  }

  private static void put(Path file, String content, Instant mtime) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
  }
}
