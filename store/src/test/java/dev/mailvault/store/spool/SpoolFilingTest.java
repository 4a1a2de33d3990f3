package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0252: what an alias's Sieve script decided at the MX (the folders, {@code :create} and the
 * flags of each copy) is sealed with a spooled message, never visible on disk, and applied when the
 * spool drains at the next login, each copy exactly once.
 */
class SpoolFilingTest {

  private static final Instant ARRIVAL = Instant.parse("2026-05-06T07:08:09Z");
  private static final String FOLDER = "Lists/Quokkaville";

  @TempDir Path dir;

  private static Filing into(String folder, boolean create, Flags flags) {
    return new Filing(Optional.of(folder), create, flags);
  }

  private static SpoolItem item(int n, List<Filing> filings) {
    return new SpoolItem(
        SpoolFixture.message(n),
        ARRIVAL,
        SpoolFixture.SENDER,
        List.of(SpoolFixture.RECIPIENT),
        Destination.INBOX,
        filings);
  }

  @Test
  void theCodecKeepsEveryCopyWithItsFolderCreateAndFlags() throws Exception {
    Flags flags = Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED).withKeywords("$Label1", "Work");
    List<Filing> filings =
        List.of(into(FOLDER, true, flags), Filing.DEFAULT, into("Ärchiv", false, Flags.NONE));

    byte[] encoded = SpoolItemCodec.encode(item(1, filings));
    SpoolItem decoded = SpoolItemCodec.decode(encoded);

    assertThat(encoded[0]).isEqualTo(SpoolItemCodec.VERSION_WITH_FILINGS);
    assertThat(decoded.filings()).isEqualTo(filings);
    assertThat(decoded.destination()).isEqualTo(Destination.INBOX);
    assertThat(decoded.raw()).isEqualTo(SpoolFixture.message(1));
    // An item with the one default copy keeps the first format, readable by older builds.
    assertThat(SpoolItemCodec.encode(item(1, List.of(Filing.DEFAULT)))[0])
        .isEqualTo(SpoolItemCodec.VERSION);
  }

  @Test
  void copiesDrainIntoTheirFoldersWithTheirFlagsAndAMissingFolderIsCreatedOnlyWhenAsked()
      throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      Flags seen = Flags.of(SystemFlag.SEEN).withKeywords("$Label1");
      f.spool.put(
          f.vaultId,
          keys.publicKey(),
          item(1, List.of(into(FOLDER, true, seen), into("Nowhere", false, Flags.NONE))));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(2);
      long[] filed = f.vault.uids(FOLDER);
      assertThat(filed).hasSize(1);
      assertThat(f.vault.messages(FOLDER, UidSet.of(filed)).get(0).flags()).isEqualTo(seen);
      assertThat(f.vault.messages(FOLDER, UidSet.of(filed)).get(0).internalDate())
          .isEqualTo(ARRIVAL);
      assertThat(f.vault.subscriptions()).contains(FOLDER);
      // RFC 5228 §2.10.6 / RFC 5490: fileinto a missing folder without :create keeps the message.
      long[] inbox = f.vault.uids("INBOX");
      assertThat(inbox).hasSize(1);
      assertThat(f.vault.fetch("INBOX", inbox[0])).isEqualTo(SpoolFixture.message(1));
      assertThat(f.vault.listFolders()).noneMatch(folder -> folder.name().equals("Nowhere"));
      assertThat(f.spool.list(f.vaultId)).isEmpty();
    }
  }

  @Test
  void aDrainKilledAfterTheFirstCopyStoresEachCopyOnce() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.vault.createFolder("A");
      f.vault.createFolder("B");
      String id =
          f.spool.put(
              f.vaultId,
              keys.publicKey(),
              item(2, List.of(into("A", false, Flags.NONE), into("B", false, Flags.NONE))));
      // What a drain killed after its first append leaves: the extra copy (stored first) is in.
      SpoolItem item = f.spool.open(f.vaultId, id, keys.privateKey());
      assertThat(
              f.vault.appendSpooled(
                  id + ".1", "B", new NewMessage(item.raw(), Flags.NONE, item.arrival())))
          .isPresent();

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      DrainResult again = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(again.count()).isZero();
      assertThat(f.vault.uids("A")).hasSize(1);
      assertThat(f.vault.uids("B")).hasSize(1);
      assertThat(f.vault.uids("INBOX")).isEmpty();
      assertThat(f.vault.isSpoolApplied(id)).isTrue();
    }
  }

  @Test
  void noSpoolFileShowsTheFolderNameOrAFlag() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.put(
          f.vaultId,
          keys.publicKey(),
          item(3, List.of(into(FOLDER, true, Flags.NONE.withKeywords("Quokkaflag")))));

      List<Path> files;
      try (Stream<Path> walk = Files.walk(f.spoolRoot)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(files).isNotEmpty();
      for (Path file : files) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).doesNotContainIgnoringCase("Quokka");
        assertThat(file.toString()).doesNotContainIgnoringCase("Quokka");
      }
    }
  }
}
