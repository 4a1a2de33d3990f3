package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.StoreMode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After random (seeded) sequences of every write, each folder's maintained counters equal a recount
 * of its messages, UIDNEXT and HIGHESTMODSEQ stay above every UID and MODSEQ in use, and every
 * reference count equals the references that exist.
 */
class CounterConsistencyTest {

  private static final List<String> FOLDERS =
      List.of("INBOX", "Archive", "Trash", "Work", "Work/A");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void countersMatchARecountAfterRandomOperations(long seed) throws Exception {
    Random random = new Random(seed);
    byte[] key = TestVaults.randomKey();
    LimitLedger ledger = new LimitLedger(Long.MAX_VALUE, Long.MAX_VALUE);
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("counters", key, ledger)) {
      vault.createFolder("Work/A");
      int[] succeeded = new int[10];
      for (int step = 0; step < 400; step++) {
        try {
          succeeded[randomOperation(vault, random, step)]++;
        } catch (MailvaultException expected) {
          // e.g. a folder deleted by an earlier step: the next operations go on
        }
        if (step % 50 == 49) {
          assertConsistent(store, key, vault, ledger);
        }
      }
      assertThat(succeeded).as("every kind of operation ran").doesNotContain(0);
      assertConsistent(store, key, vault, ledger);
    }
  }

  /** Runs one random operation and returns its kind, 0 to 9. */
  private static int randomOperation(Vault vault, Random random, int step) throws Exception {
    String folder = FOLDERS.get(random.nextInt(FOLDERS.size()));
    String other = FOLDERS.get(random.nextInt(FOLDERS.size()));
    boolean exists = vault.listFolders().stream().anyMatch(f -> f.name().equals(folder));
    UidSet some = randomUids(random, exists ? vault.folder(folder).uidNext() : 1);
    int kind = random.nextInt(10);
    switch (kind) {
      case 0, 1, 2 ->
          vault.append(
              folder,
              new NewMessage(
                  random.nextInt(8) == 0
                      ? TestMessages.withAttachment(
                          "m" + step + "@x",
                          "s" + step,
                          "t",
                          TestMessages.randomBytes(random.nextInt(3), 70_000))
                      : TestMessages.text("m" + step + "@x"),
                  randomFlags(random),
                  Instant.ofEpochSecond(1_600_000_000L + step)));
      case 3, 4 ->
          vault.storeFlags(
              folder,
              some,
              new FlagUpdate(StoreMode.values()[random.nextInt(3)], randomFlags(random)));
      case 5 -> vault.copy(folder, some, other);
      case 6 -> vault.move(folder, some, other);
      case 7 -> vault.expunge(folder, random.nextBoolean() ? UidSet.all() : some);
      case 8 -> {
        if (!exists) {
          vault.createFolder(folder);
        } else if (!folder.equals("INBOX") && !folder.equals("Work")) {
          vault.deleteFolder(folder);
        } else {
          vault.expunge(folder);
        }
      }
      default -> {
        if (random.nextInt(6) == 0) {
          vault.renameFolder("INBOX", "Old " + step);
        } else {
          vault.storeFlags(folder, UidSet.all(), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
        }
      }
    }
    return kind;
  }

  private static UidSet randomUids(Random random, long uidNext) {
    long first = 1 + random.nextInt((int) Math.max(1, uidNext));
    long last = first + random.nextInt(5);
    return random.nextBoolean() ? UidSet.range(first, last) : UidSet.of(first, last + 2);
  }

  private static Flags randomFlags(Random random) {
    EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
    for (SystemFlag flag : SystemFlag.values()) {
      if (random.nextInt(3) == 0) {
        flags.add(flag);
      }
    }
    List<String> keywords = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      keywords.add(random.nextBoolean() ? "$Junk" : "Project");
    }
    return new Flags(flags, new java.util.TreeSet<>(keywords));
  }

  private static void assertConsistent(
      VaultStore store, byte[] key, Vault vault, LimitLedger ledger) throws Exception {
    try (VaultConnection c = TestVaults.rawConnection(store, "counters", key)) {
      for (FolderInfo f : vault.listFolders()) {
        long id = c.queryLong("SELECT id FROM folders WHERE name = ?", f.name()).orElseThrow();
        String where = " FROM messages WHERE folder_id = " + id;
        assertThat(f.messages()).as(f.name()).isEqualTo(count(c, "SELECT count(*)" + where));
        assertThat(f.size())
            .as(f.name())
            .isEqualTo(count(c, "SELECT coalesce(sum(size), 0)" + where));
        assertThat(f.unseen())
            .as(f.name())
            .isEqualTo(count(c, "SELECT count(*)" + where + " AND (flags & 1) = 0"));
        assertThat(f.deleted())
            .as(f.name())
            .isEqualTo(count(c, "SELECT count(*)" + where + " AND (flags & 8) != 0"));
        assertThat(f.uidNext())
            .as(f.name())
            .isGreaterThan(count(c, "SELECT coalesce(max(uid), 0)" + where));
        assertThat(f.highestModseq())
            .as(f.name())
            .isGreaterThanOrEqualTo(count(c, "SELECT coalesce(max(modseq), 0)" + where))
            .isGreaterThanOrEqualTo(
                count(
                    c, "SELECT coalesce(max(modseq), 0) FROM expunge_log WHERE folder_id = " + id));
        assertThat(vault.uids(f.name())).hasSize((int) f.messages());
      }
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM contents c WHERE refcount !="
                      + " (SELECT count(*) FROM messages m WHERE m.content_id = c.id)"))
          .isZero();
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM blobs b WHERE refcount !="
                      + " (SELECT count(*) FROM segments s WHERE s.blob_id = b.id)"))
          .isZero();
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM contents c WHERE data IS NULL AND size !="
                      + " (SELECT sum(length) FROM segments s WHERE s.content_id = c.id)"))
          .isZero();
      // A content kept in its own row (schema 5) has no segments besides.
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM contents c WHERE data IS NOT NULL"
                      + " AND EXISTS (SELECT 1 FROM segments s WHERE s.content_id = c.id)"))
          .isZero();
      assertThat(ledger.messages()).isEqualTo(count(c, "SELECT count(*) FROM messages"));
      assertThat(ledger.bytes()).isEqualTo(count(c, "SELECT coalesce(sum(size), 0) FROM messages"));
    }
    assertThat(vault.integrityCheck()).isEqualTo("ok");
  }

  private static long count(VaultConnection c, String sql) throws Exception {
    return c.queryLong(sql).orElse(0);
  }
}
