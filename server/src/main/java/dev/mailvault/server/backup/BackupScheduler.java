package dev.mailvault.server.backup;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily backups from {@code serve} (ADR 0126). Each vault has a slot, a time of day derived from
 * its id, so backups spread over the day. A vault can change only while it is open (its key in
 * memory), so a vault is backed up:
 *
 * <ul>
 *   <li>at a tick after its slot, if it is open then and was not backed up (or tried) since that
 *       slot: the engine stores nothing when the content is unchanged;
 *   <li>when its last handle closes, if it changed while open and its slot has passed since its
 *       newest backup: the scheduler keeps a handle and backs it up before it locks.
 * </ul>
 *
 * One backup runs at a time, on the scheduler's own thread.
 */
public final class BackupScheduler implements VaultStore.LastCloseHook, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
  private static final long DAY_SECONDS = 86_400;

  private final BackupService backups;
  private final VaultStore vaults;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  /** Per vault: the newest backup, or the last attempt since then, as far as this process knows. */
  private final Map<String, Instant> lastDone = new ConcurrentHashMap<>();

  public BackupScheduler(BackupService backups, VaultStore vaults, Clock clock) {
    this.backups = backups;
    this.vaults = vaults;
    this.clock = clock;
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mailvault-backup-scheduler");
              t.setDaemon(true);
              return t;
            });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.executor = pool;
  }

  /** Ticks every {@code period} and hooks into the store's last closes. */
  public void start(Duration period) {
    vaults.setLastCloseHook(this);
    executor.scheduleWithFixedDelay(
        this::tickQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The vault's slot: seconds after 00:00 UTC, from a hash of its id. */
  static long slotSecond(String vaultId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(vaultId.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return Math.floorMod(value, DAY_SECONDS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The latest slot of {@code vaultId} at or before {@code now}. */
  static Instant lastSlot(String vaultId, Instant now) {
    ZonedDateTime midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC);
    Instant today = midnight.toInstant().plusSeconds(slotSecond(vaultId));
    return today.isAfter(now) ? today.minus(Duration.ofDays(1)) : today;
  }

  /** Whether the vault's slot has passed since its newest backup (or the last attempt). */
  boolean due(String vaultId) {
    Instant done = lastDone.computeIfAbsent(vaultId, this::newestStored);
    return done.isBefore(lastSlot(vaultId, clock.instant()));
  }

  /** Backs up every open vault that is due. Package-private so tests can tick by hand. */
  void tick() {
    for (String vaultId : vaults.openVaultIds()) {
      if (due(vaultId)) {
        vaults
            .openIfUnlocked(vaultId, QuotaLedger.UNLIMITED)
            .ifPresent(vault -> backUpAndClose(vault));
      }
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("backup tick failed: {}", e.toString());
    }
  }

  @Override
  public boolean wants(String vaultId, boolean changed) {
    return changed && !executor.isShutdown() && due(vaultId);
  }

  @Override
  public void take(Vault vault) {
    try {
      executor.execute(() -> backUpAndClose(vault));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      vault.close();
    }
  }

  private void backUpAndClose(Vault vault) {
    String vaultId = vault.id();
    try (vault) {
      Optional<EmailAddress> address = backups.addressOf(vaultId);
      if (address.isEmpty()) {
        return;
      }
      BackupResult result = backups.backUp(vault, address.get());
      lastDone.put(
          vaultId,
          result instanceof BackupResult.Uploaded up ? up.manifest().created() : clock.instant());
      if (result instanceof BackupResult.Rejected rejected) {
        LOG.warn("scheduled backup of vault {} rejected: {}", vaultId, rejected.reason());
      } else {
        LOG.info("scheduled backup of vault {}: {}", vaultId, outcome(result));
      }
    } catch (MailvaultException | RuntimeException e) {
      lastDone.put(vaultId, clock.instant());
      LOG.warn("scheduled backup of vault {} failed: {}", vaultId, e.getMessage());
    }
  }

  private static String outcome(BackupResult result) {
    return result instanceof BackupResult.Uploaded ? "uploaded" : "unchanged";
  }

  private Instant newestStored(String vaultId) {
    try {
      List<Instant> times = backups.catalog().times(vaultId);
      return times.isEmpty() ? Instant.EPOCH : times.get(times.size() - 1);
    } catch (IOException e) {
      LOG.warn("cannot list the backups of vault {}: {}", vaultId, e.getMessage());
      return Instant.EPOCH;
    }
  }

  @Override
  public void close() {
    vaults.setLastCloseHook(null);
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
