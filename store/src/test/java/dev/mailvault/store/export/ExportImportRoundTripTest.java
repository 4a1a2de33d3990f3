package dev.mailvault.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.TransferListener;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.importer.FileImport;
import dev.mailvault.store.importer.ImportFormatException;
import dev.mailvault.store.importer.ImportReport;
import dev.mailvault.store.importer.ImportSource;
import dev.mailvault.store.importer.MailImport;
import dev.mailvault.store.importer.MessageSource;
import dev.mailvault.store.importer.SourceMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, "must show": a vault of 10,000 messages in nested folders with flags and keywords,
 * exported to mbox and to eml-zip and imported into fresh vaults, comes back with every message's
 * bytes, flags, keywords, internal date and folder equal; a second import adds nothing; an import
 * interrupted part way and run again stores each message exactly once.
 */
class ExportImportRoundTripTest {

  private static final int MESSAGES = 10_000;

  @TempDir static Path dir;

  private static VaultStore store;
  private static Vault source;
  private static Map<String, List<SampleMail.Snap>> expected;

  @BeforeAll
  static void fillSource() throws Exception {
    store = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    source = store.create("source", key(), QuotaLedger.UNLIMITED);
    SampleMail.fill(source, MESSAGES, 42);
    expected = SampleMail.snapshot(source);
    assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(MESSAGES);
  }

  @AfterAll
  static void close() {
    source.close();
    store.close();
  }

  private static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private static ImportReport importFile(Vault into, ImportSource kind, Path file)
      throws Exception {
    try (MessageSource in = kind.open(file, "INBOX")) {
      return FileImport.run(in, new MailImport(into), TransferListener.NONE);
    }
  }

  @Test
  void mboxRoundTripKeepsEverythingAndASecondImportAddsNothing() throws Exception {
    Path file = dir.resolve("all.mbox");
    AtomicLong seen = new AtomicLong();
    ExportReport report =
        MailExport.export(
            source, ExportFormat.MBOX, file, null, (messages, bytes) -> seen.addAndGet(messages));
    assertThat(report.messages()).isEqualTo(MESSAGES);
    assertThat(seen.get()).isEqualTo(MESSAGES);
    assertThat(Files.size(file)).isEqualTo(report.fileBytes());

    try (Vault target = store.create("from-mbox", key(), QuotaLedger.UNLIMITED)) {
      ImportReport first = importFile(target, ImportSource.MBOX, file);
      assertThat(first.added()).isEqualTo(MESSAGES);
      assertThat(SampleMail.snapshot(target)).isEqualTo(expected);

      ImportReport again = importFile(target, ImportSource.MBOX, file);
      assertThat(again.added()).isZero();
      assertThat(again.skipped()).isEqualTo(MESSAGES);
      assertThat(SampleMail.snapshot(target)).isEqualTo(expected);
    }
  }

  @Test
  void emlZipRoundTripInterruptedThenResumedStoresEachMessageOnce() throws Exception {
    Path file = dir.resolve("all.zip");
    MailExport.export(source, ExportFormat.EML_ZIP, file, null, TransferListener.NONE);

    try (Vault target = store.create("from-zip", key(), QuotaLedger.UNLIMITED)) {
      MailImport in = new MailImport(target);
      try (MessageSource zip = ImportSource.EML_ZIP.open(file, "INBOX")) {
        assertThatThrownBy(
                () -> FileImport.run(new FailingAfter(zip, 4_321), in, TransferListener.NONE))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("source broke");
      }
      long storedBefore = SampleMail.snapshot(target).values().stream().mapToInt(List::size).sum();
      assertThat(storedBefore).isPositive().isLessThan(MESSAGES);

      ImportReport resumed = importFile(target, ImportSource.EML_ZIP, file);
      assertThat(resumed.added()).isEqualTo(MESSAGES - storedBefore);
      assertThat(resumed.skipped()).isEqualTo(storedBefore);
      assertThat(SampleMail.snapshot(target)).isEqualTo(expected);
      // Empty folders come back too: the manifest lists every folder.
      assertThat(SampleMail.folderNames(target)).containsAll(SampleMail.folderNames(source));
    }
  }

  @Test
  void theTargetNameNeverHoldsAHalfWrittenExportAndNothingIsLeftBeside() throws Exception {
    Path out = Files.createDirectories(dir.resolve("failing"));
    Path file = out.resolve("broken.mbox");
    AtomicLong count = new AtomicLong();
    TransferListener breaksMidway =
        (messages, bytes) -> {
          if (count.addAndGet(messages) == 500) {
            assertThat(file).doesNotExist();
            try (Stream<Path> beside = Files.list(out)) {
              assertThat(beside.map(p -> p.getFileName().toString()).toList())
                  .singleElement()
                  .asString()
                  .startsWith(".broken.mbox.part-");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("stopped on purpose");
          }
        };
    assertThatThrownBy(() -> MailExport.export(source, ExportFormat.MBOX, file, null, breaksMidway))
        .hasMessageContaining("stopped on purpose");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void anExistingTargetIsNotOverwritten() throws Exception {
    Path file = Files.writeString(dir.resolve("exists.mbox"), "mine");
    assertThatThrownBy(
            () -> MailExport.export(source, ExportFormat.MBOX, file, null, TransferListener.NONE))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("exists");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void aFileThatIsNoMboxIsRefusedInOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("not.mbox"), "Subject: hi\r\n\r\nbody\r\n");
    try (Vault target = store.create("refuses", key(), QuotaLedger.UNLIMITED)) {
      assertThatThrownBy(() -> importFile(target, ImportSource.MBOX, file))
          .isInstanceOf(ImportFormatException.class)
          .hasMessage("not an mbox file: it does not begin with a From line");
    }
  }

  /** A source that breaks after {@code limit} messages, as a disk error or Ctrl-C would. */
  private record FailingAfter(MessageSource inner, int limit, AtomicLong read)
      implements MessageSource {
    FailingAfter(MessageSource inner, int limit) {
      this(inner, limit, new AtomicLong());
    }

    @Override
    public SourceMessage next() throws IOException, ImportFormatException {
      if (read.incrementAndGet() > limit) {
        throw new IOException("source broke");
      }
      return inner.next();
    }

    @Override
    public List<String> folders() {
      return inner.folders();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
