package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily scheduler on a hand-moved clock: slots, ticks and the backup at the last close. */
class BackupSchedulerTest {

  private static final String ALIAS = "daily@example.com";
  private static final Instant DAY1 = Instant.parse("2026-03-02T00:00:00Z");

  @TempDir Path data;
  private final MovableClock clock = new MovableClock();
  private Directory directory;
  private VaultStore vaults;
  private LocalDirectoryTarget target;
  private BackupService backups;
  private BackupScheduler scheduler;
  private String vaultId;
  private long slot;

  @BeforeEach
  void setUp() throws Exception {
    BackupFixture.addAlias(data, ALIAS);
    DataLayout layout = DataLayout.open(data);
    directory = Directories.open(layout, BackupFixture.settings(data));
    vaults = Vaults.open(layout, BackupFixture.settings(data));
    target = new LocalDirectoryTarget(layout.backups());
    backups =
        new BackupService(
            directory, vaults, target, layout.backupStaging(), GenerationPolicy.DEFAULT, clock);
    scheduler = new BackupScheduler(backups, vaults, clock);
    scheduler.start(Duration.ofDays(1)); // hooks the last close; ticks are run by hand below
    vaultId = backups.vaultIdOf(EmailAddress.parse(ALIAS));
    slot = BackupScheduler.slotSecond(vaultId);
  }

  @AfterEach
  void tearDown() throws Exception {
    scheduler.close();
    vaults.close();
    directory.close();
    target.close();
  }

  @Test
  void anOpenVaultIsBackedUpOncePerSlotAndOnlyWhenDue() throws Exception {
    try (Vault vault = open()) {
      clock.now = atSlot(1).plusSeconds(60);
      scheduler.tick();
      assertThat(backupCount()).isEqualTo(1);
      scheduler.tick();
      assertThat(backupCount()).isEqualTo(1);

      vault.append("INBOX", BackupFixture.message(ALIAS, 1));
      clock.now = clock.now.plus(Duration.ofHours(1));
      scheduler.tick(); // changed, but its slot has not come round again
      assertThat(backupCount()).isEqualTo(1);

      clock.now = atSlot(2).plusSeconds(60);
      scheduler.tick();
      assertThat(backupCount()).isEqualTo(2);
    }
  }

  @Test
  void aChangedVaultIsBackedUpWhenItsLastHandleClosesAfterItsSlot() throws Exception {
    clock.now = atSlot(1).plusSeconds(60);
    try (Vault vault = open()) {
      scheduler.tick();
    }
    assertThat(backupCount()).isEqualTo(1);

    clock.now = atSlot(2).plusSeconds(60);
    Vault vault = open();
    vault.append("INBOX", BackupFixture.message(ALIAS, 1));
    vault.close();
    await().until(() -> backupCount() == 2 && !vaults.isOpen(vaultId));

    // Opened and closed without a change after the next slot: nothing to back up, no delay.
    clock.now = atSlot(3).plusSeconds(60);
    open().close();
    assertThat(vaults.isOpen(vaultId)).isFalse();
    assertThat(backupCount()).isEqualTo(2);

    // Changed, but closed before its slot came round since the newest backup: it waits.
    clock.now = atSlot(2).plus(Duration.ofHours(2));
    Vault early = open();
    early.append("INBOX", BackupFixture.message(ALIAS, 2));
    early.close();
    assertThat(vaults.isOpen(vaultId)).isFalse();
    assertThat(backupCount()).isEqualTo(2);
  }

  @Test
  void slotsAreSpreadOverTheDayAndStable() {
    Set<Long> slots = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      long s = BackupScheduler.slotSecond("vault" + i);
      assertThat(s).isBetween(0L, 86_399L).isEqualTo(BackupScheduler.slotSecond("vault" + i));
      slots.add(s / 3600);
    }
    assertThat(slots).as("hours of the day used by 50 vaults").hasSizeGreaterThan(12);
    Instant now = Instant.parse("2026-03-02T12:00:00Z");
    Instant last = BackupScheduler.lastSlot("vault1", now);
    assertThat(last).isBeforeOrEqualTo(now).isAfter(now.minus(Duration.ofDays(1)));
  }

  private Vault open() throws Exception {
    try (UnlockedAlias alias = directory.unlock(ALIAS, BackupFixture.PASSWORD.toCharArray())) {
      return vaults.open(
          alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()));
    }
  }

  private Instant atSlot(int day) {
    return DAY1.plus(Duration.ofDays(day - 1)).plusSeconds(slot);
  }

  private int backupCount() throws Exception {
    return backups.catalog().times(vaultId).size();
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    volatile Instant now = DAY1;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
