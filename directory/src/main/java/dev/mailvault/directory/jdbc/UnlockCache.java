package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data keys already unwrapped by a login, kept in memory for the vault's idle time so a re-login
 * with the same password skips Argon2id (ADR 0185). Each entry carries a verifier: HMAC-SHA256
 * under a key made at start and never written anywhere, over the vault id, the stored wrap (salt
 * and wrapped key) and the password. Nothing here is ever written to disk or logged.
 *
 * <p>Concurrency: the map, the invalidation count and every entry's secrets are guarded by {@code
 * this}; secrets are copied out and destroyed only while holding it, so a hit never reads a key a
 * sweep is zeroing. The verifier is computed outside the lock.
 */
final class UnlockCache implements AutoCloseable {

  private static final String HMAC = "HmacSHA256";
  private static final int MAC_KEY_LENGTH = 32;
  private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofSeconds(30);

  private final UnlockCachePolicy policy;
  private final Clock clock;
  private final Mac mac;
  private final Map<String, Entry> entries;
  private final ScheduledExecutorService sweeper;

  /** Counts invalidations, so a login that read a row before one cannot store a stale entry. */
  private long invalidations;

  UnlockCache(UnlockCachePolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
    if (!policy.enabled()) {
      this.mac = null;
      this.sweeper = null;
      return;
    }
    this.mac = newMac();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon());
    long period = sweepPeriod(policy.idle()).toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  boolean enabled() {
    return policy.enabled();
  }

  /** Taken before reading the row a login unwraps; {@link #put} refuses a stale one. */
  synchronized long ticket() {
    return invalidations;
  }

  /** The verifier for a login with {@code password} against {@code alias}'s current wrap. */
  byte[] verifier(AliasRow alias, char[] password) {
    PasswordWrap wrap = alias.passwordWrap();
    // Length-prefixed fields, so no two different inputs concatenate to the same bytes. The
    // password goes in as its UTF-16 code units: no String, no encoder buffer to zero, and no two
    // different passwords alike (the KDF's NFC UTF-8 is looser, so this can only miss more).
    synchronized (mac) {
      try {
        field(alias.vaultId().getBytes(StandardCharsets.UTF_8));
        field(wrap.salt());
        field(wrap.wrappedDataKey());
        mac.update(ByteBuffer.allocate(4).putInt(password.length).array());
        for (char c : password) {
          mac.update((byte) (c >>> 8));
          mac.update((byte) c);
        }
        return mac.doFinal();
      } finally {
        mac.reset();
      }
    }
  }

  private void field(byte[] value) {
    mac.update(ByteBuffer.allocate(4).putInt(value.length).array());
    mac.update(value);
  }

  /**
   * Copies of the cached keys when {@code verifier} matches the entry of {@code alias}'s vault and
   * it has not expired; null otherwise. The caller owns (and closes) what it gets.
   */
  synchronized UnlockedAlias lookup(AliasRow alias, byte[] verifier) {
    Entry entry = entries.get(alias.vaultId());
    if (entry == null) {
      return null;
    }
    Instant now = clock.instant();
    if (expired(entry, now)) {
      entries.remove(alias.vaultId()).destroy();
      return null;
    }
    if (!MessageDigest.isEqual(entry.verifier, verifier)) {
      return null;
    }
    entry.lastUse = now;
    SecretBytes dataKey = entry.dataKey.apply(SecretBytes::copyOf);
    SecretBytes spoolKey = entry.spoolKey.apply(SecretBytes::copyOf);
    return new UnlockedAlias(alias.address(), alias.vaultId(), dataKey, spoolKey);
  }

  /** Keeps copies of a full unlock's keys, unless an invalidation came after {@code ticket}. */
  synchronized void put(long ticket, byte[] verifier, UnlockedAlias unlocked) {
    if (!enabled() || ticket != invalidations || sweeper.isShutdown()) {
      return;
    }
    Entry fresh =
        new Entry(
            verifier.clone(),
            unlocked.dataKey().apply(SecretBytes::copyOf),
            unlocked.spoolPrivateKey().apply(SecretBytes::copyOf),
            clock.instant());
    Entry replaced = entries.put(unlocked.vaultId(), fresh);
    if (replaced != null) {
      replaced.destroy();
    }
    Iterator<Entry> eldest = entries.values().iterator();
    while (entries.size() > policy.maxEntries()) {
      eldest.next().destroy();
      eldest.remove();
    }
  }

  /** Forgets {@code vaultId}'s keys: its password changed, or it is disabled, reset or removed. */
  synchronized void invalidate(String vaultId) {
    invalidations++;
    Entry entry = entries.remove(vaultId);
    if (entry != null) {
      entry.destroy();
    }
  }

  /** Destroys every entry idle for longer than the policy allows. */
  synchronized void sweep() {
    Instant now = clock.instant();
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry entry = it.next();
      if (expired(entry, now)) {
        entry.destroy();
        it.remove();
      }
    }
  }

  synchronized int size() {
    return entries.size();
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    synchronized (this) {
      invalidations++;
      entries.values().forEach(Entry::destroy);
      entries.clear();
    }
  }

  private boolean expired(Entry entry, Instant now) {
    return !now.isBefore(entry.lastUse.plus(policy.idle()));
  }

  /** Keys outlive their expiry by at most one period: a tenth of the idle time, at most 30 s. */
  static Duration sweepPeriod(Duration idle) {
    Duration tenth = idle.dividedBy(10);
    if (tenth.compareTo(LONGEST_SWEEP_PERIOD) > 0) {
      return LONGEST_SWEEP_PERIOD;
    }
    return tenth.isZero() ? Duration.ofMillis(1) : tenth;
  }

  private static Mac newMac() {
    // The JCA key object keeps its own copy of these bytes for the life of the process; that is
    // the life the key is meant to have (ADR 0185).
    try (SecretBytes key = SecretBytes.random(MAC_KEY_LENGTH)) {
      Mac mac = Mac.getInstance(HMAC);
      key.apply(
          k -> {
            mac.init(new SecretKeySpec(k, HMAC));
            return null;
          });
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static ThreadFactory daemon() {
    return task -> {
      Thread t = new Thread(task, "directory-unlock-cache-sweep");
      t.setDaemon(true);
      return t;
    };
  }

  /** One vault's unlocked keys; mutable fields guarded by the cache. */
  private static final class Entry {
    private final byte[] verifier;
    private final SecretBytes dataKey;
    private final SecretBytes spoolKey;
    private Instant lastUse;

    Entry(byte[] verifier, SecretBytes dataKey, SecretBytes spoolKey, Instant lastUse) {
      this.verifier = verifier;
      this.dataKey = dataKey;
      this.spoolKey = spoolKey;
      this.lastUse = lastUse;
    }

    void destroy() {
      dataKey.destroy();
      spoolKey.destroy();
    }
  }
}
