package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.UidSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0206: an item the MX quarantined drains into the vault's {@code \Junk} folder exactly once,
 * and an item sealed by a build that knew no destination still drains into INBOX.
 */
class SpoolJunkTest {

  private static final Instant ARRIVAL = Instant.parse("2026-05-06T07:08:09Z");

  @TempDir Path dir;

  private static SpoolItem junkItem(int n) {
    return new SpoolItem(
        SpoolFixture.message(n),
        ARRIVAL,
        SpoolFixture.SENDER,
        List.of(SpoolFixture.RECIPIENT),
        Destination.JUNK);
  }

  @Test
  void theCodecKeepsTheDestinationAndWritesInboxItemsInTheFirstVersion() throws Exception {
    byte[] junk = SpoolItemCodec.encode(junkItem(1));
    byte[] inbox = SpoolItemCodec.encode(SpoolFixture.item(1, ARRIVAL));

    assertThat(junk[0]).isEqualTo((byte) 2);
    assertThat(SpoolItemCodec.decode(junk).destination()).isEqualTo(Destination.JUNK);
    assertThat(inbox[0]).isEqualTo((byte) 1);
    assertThat(SpoolItemCodec.decode(inbox).destination()).isEqualTo(Destination.INBOX);
    // Version 2 is version 1 with one byte more after the version.
    assertThat(Arrays.copyOfRange(junk, 2, junk.length))
        .isEqualTo(Arrays.copyOfRange(inbox, 1, inbox.length));
  }

  @Test
  void theCodecRefusesAnUnknownDestination() {
    byte[] junk = SpoolItemCodec.encode(junkItem(1));
    junk[1] = 7;
    assertThatThrownBy(() -> SpoolItemCodec.decode(junk))
        .isInstanceOf(SpoolItemUnreadableException.class)
        .hasMessage("unknown spool item destination");
  }

  @Test
  void aJunkItemDrainsIntoJunkWithItsArrivalTimeAndInboxStaysEmpty() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.put(f.vaultId, keys.publicKey(), junkItem(1));
      String ordinary = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, ARRIVAL));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(2);
      long[] junk = f.vault.uids("Junk");
      assertThat(junk).hasSize(1);
      assertThat(f.vault.fetch("Junk", junk[0])).isEqualTo(SpoolFixture.message(1));
      assertThat(f.vault.messages("Junk", UidSet.of(junk)).get(0).internalDate())
          .isEqualTo(ARRIVAL);
      assertThat(f.vault.messages("Junk", UidSet.of(junk)).get(0).flags()).isEqualTo(Flags.NONE);
      long[] inbox = f.vault.uids("INBOX");
      assertThat(inbox).hasSize(1);
      assertThat(f.vault.fetch("INBOX", inbox[0])).isEqualTo(SpoolFixture.message(2));
      assertThat(f.vault.isSpoolApplied(ordinary)).isTrue();
      assertThat(f.spool.list(f.vaultId)).isEmpty();
    }
  }

  @Test
  void aJunkItemAppendedButNotDeletedBeforeACrashIsStoredOnce() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String crashed = f.spool.put(f.vaultId, keys.publicKey(), junkItem(1));
      // What a drain killed between its append and its delete leaves behind.
      SpoolItem item = f.spool.open(f.vaultId, crashed, keys.privateKey());
      assertThat(
              f.vault.appendSpooled(
                  crashed, "Junk", new NewMessage(item.raw(), Flags.NONE, item.arrival())))
          .isPresent();

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      DrainResult again = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isZero();
      assertThat(result.alreadyApplied()).isEqualTo(1);
      assertThat(again.count()).isZero();
      assertThat(f.vault.uids("Junk")).hasSize(1);
      assertThat(f.vault.uids("INBOX")).isEmpty();
      assertThat(f.spool.list(f.vaultId)).isEmpty();
    }
  }

  @Test
  void aVaultWithoutAJunkFolderGetsOneWithTheSpecialUse() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.vault.deleteFolder("Junk");
      f.spool.put(f.vaultId, keys.publicKey(), junkItem(1));
      f.spool.put(f.vaultId, keys.publicKey(), junkItem(2));

      SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      FolderInfo junk = f.vault.folder("Junk");
      assertThat(junk.specialUse()).isEqualTo("\\Junk");
      assertThat(junk.messages()).isEqualTo(2);
      assertThat(f.vault.subscriptions()).contains("Junk");
    }
  }

  @Test
  void aFolderWithTheJunkAttributeIsUsedWhateverItsName() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.vault.deleteFolder("Junk");
      f.vault.createFolder("Spam", "\\Junk");
      f.spool.put(f.vaultId, keys.publicKey(), junkItem(1));

      SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(f.vault.uids("Spam")).hasSize(1);
      assertThat(f.vault.listFolders()).extracting(FolderInfo::name).doesNotContain("Junk");
    }
  }

  @Test
  void anItemSealedInTheFirstFormatByAnOlderBuildDrainsIntoInbox() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      // Version 1 written field by field as ADR 0036 lays it out, not by today's encoder.
      byte[] raw = SpoolFixture.message(3);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(1);
        out.writeLong(ARRIVAL.getEpochSecond());
        out.writeInt(0);
        byte[] from = SpoolFixture.SENDER.getBytes(StandardCharsets.UTF_8);
        out.writeShort(from.length);
        out.write(from);
        out.writeShort(1);
        byte[] rcpt = SpoolFixture.RECIPIENT.getBytes(StandardCharsets.UTF_8);
        out.writeShort(rcpt.length);
        out.write(rcpt);
        out.writeInt(raw.length);
        out.write(raw);
      }
      String id = "0123456789abcdef0123456789abcdef";
      Path folder = f.spool.folderOf(f.vaultId);
      Files.createDirectories(folder);
      Files.write(
          folder.resolve(id),
          SpoolSealer.seal(keys.publicKey(), bytes.toByteArray(), SpoolStore.aad(f.vaultId, id)));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      long[] inbox = f.vault.uids("INBOX");
      assertThat(inbox).hasSize(1);
      assertThat(f.vault.fetch("INBOX", inbox[0])).isEqualTo(raw);
      assertThat(f.vault.messages("INBOX", UidSet.of(inbox)).get(0).internalDate())
          .isEqualTo(ARRIVAL);
      assertThat(f.vault.uids("Junk")).isEmpty();
    }
  }
}
