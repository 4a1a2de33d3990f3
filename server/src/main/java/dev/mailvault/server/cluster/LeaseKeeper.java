package dev.mailvault.server.cluster;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.VaultOwner;
import dev.mailvault.store.VaultFences;
import dev.mailvault.store.VaultNotOwnedException;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage primary's lease in the cluster (docs/adr/0280, 0281): joins, renews every lease/3 on
 * its own daemon thread, and is the store's {@link VaultFences}.
 *
 * <p>The lease is valid, for the fence, until the start of the last successful renewal plus the
 * lease less a small margin, by a monotonic ticker ({@link System#nanoTime}): the directory counts
 * the same lease from a later instant by its own clock, so this side always gives up first,
 * whatever the machines' wall clocks say. When a renewal is refused, or the ticker says the lease
 * ran out (a process paused past it, say by SIGSTOP), writes are refused at once, every open vault
 * is closed, one WARN line is logged, and the primary joins again with a new epoch. A renewal that
 * fails with an error (the directory unreachable) is retried at the next turn; the ticker ends the
 * lease if none succeeds in time.
 *
 * <p>Concurrency: renewals and lapses run one at a time (this object's monitor); the fence reads
 * {@link #state} without a lock, so a commit never waits for the directory.
 */
public final class LeaseKeeper implements AutoCloseable, VaultFences {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  /** The longest safety margin taken off the lease: slack for the clocks' rates, not their time. */
  private static final Duration MAX_MARGIN = Duration.ofSeconds(1);

  private final ClusterRegistry registry;
  private final String primary;
  private final String rpcAddress;
  private final Duration lease;
  private final long leaseNanos;
  private final long marginNanos;
  private final VaultStore vaults;
  private final LongSupplier ticker;
  private final ScheduledExecutorService timer;

  /** Vaults opened here, with the epoch they were opened at; re-confirmed at each renewal. */
  private final Map<String, Long> owned = new ConcurrentHashMap<>();

  private final AtomicLong rounds = new AtomicLong();
  private volatile State state;
  private volatile boolean closed;

  /** The current incarnation and until when (ticker) its lease is valid; not serving when null. */
  private record State(PrimaryLease lease, long validUntil) {}

  private LeaseKeeper(
      ClusterRegistry registry,
      String primary,
      String rpcAddress,
      Duration lease,
      VaultStore vaults,
      LongSupplier ticker,
      boolean background) {
    this.registry = registry;
    this.primary = primary;
    this.rpcAddress = rpcAddress;
    this.lease = lease;
    this.leaseNanos = lease.toNanos();
    Duration tenth = lease.dividedBy(10);
    this.marginNanos = (tenth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : tenth).toNanos();
    this.vaults = vaults;
    this.ticker = ticker;
    this.timer =
        background
            ? Executors.newSingleThreadScheduledExecutor(
                task -> {
                  Thread thread = new Thread(task, "mailvault-lease");
                  thread.setDaemon(true);
                  return thread;
                })
            : null;
  }

  /**
   * Joins the cluster as {@code primary}, fences {@code vaults} and {@code spool} by this lease,
   * and starts renewing it.
   */
  public static LeaseKeeper start(
      ClusterRegistry registry,
      String primary,
      String rpcAddress,
      Duration lease,
      VaultStore vaults,
      SpoolStore spool)
      throws MailvaultException {
    return start(registry, primary, rpcAddress, lease, vaults, spool, System::nanoTime, true);
  }

  /** As above with a ticker of the test's; without the background thread when not asked. */
  static LeaseKeeper start(
      ClusterRegistry registry,
      String primary,
      String rpcAddress,
      Duration lease,
      VaultStore vaults,
      SpoolStore spool,
      LongSupplier ticker,
      boolean background)
      throws MailvaultException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(vaults, "vaults");
    Objects.requireNonNull(spool, "spool");
    if (lease == null || lease.toMillis() < 3) {
      throw new DirectoryException("a lease is at least 3 ms");
    }
    LeaseKeeper keeper =
        new LeaseKeeper(registry, primary, rpcAddress, lease, vaults, ticker, background);
    keeper.join();
    vaults.setFences(keeper);
    spool.setFences(keeper);
    if (background) {
      long period = Math.max(1, lease.toMillis() / 3);
      keeper.timer.scheduleWithFixedDelay(
          keeper::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }
    return keeper;
  }

  /**
   * Whether this primary holds a live lease and the directory names it the vault's owner in this
   * incarnation. Vaults open here are confirmed at every renewal (lease/3), and their writes are
   * fenced in the file; for any other vault the directory is asked, since the next write would go
   * to the spool, which no epoch in the vault guards, or open the vault anew.
   */
  public boolean owns(String vaultId) {
    State s = state;
    if (!valid(s)) {
      return false;
    }
    if (owned.containsKey(vaultId) && vaults.isOpen(vaultId)) {
      return true;
    }
    try {
      Optional<VaultOwner> owner = registry.currentOwner(vaultId);
      return owner.isPresent() && mine(owner.get(), s) && valid(state);
    } catch (DirectoryException | DirectoryStorageException e) {
      return false;
    }
  }

  @Override
  public long openingEpoch(String vaultId) {
    State s = state;
    if (!valid(s)) {
      throw new VaultNotOwnedException("this primary's lease has lapsed; try again shortly");
    }
    VaultOwner owner;
    try {
      owner = registry.owner(vaultId);
    } catch (DirectoryException | DirectoryStorageException e) {
      throw new VaultNotOwnedException(
          "the directory cannot place the vault now: " + e.getMessage());
    }
    if (!mine(owner, s)) {
      throw new VaultNotOwnedException("another primary owns the vault now");
    }
    owned.put(vaultId, owner.epoch());
    return owner.epoch();
  }

  @Override
  public boolean leaseValid() {
    return valid(state);
  }

  /** The current incarnation's lease, empty while not serving (for status and tests). */
  public Optional<PrimaryLease> lease() {
    State s = state;
    return s == null ? Optional.empty() : Optional.of(s.lease());
  }

  /** Renewal turns taken so far (for tests). */
  long rounds() {
    return rounds.get();
  }

  /**
   * One renewal turn: renews (or notices the lapse and rejoins), then re-confirms the vaults opened
   * here and closes those that moved away.
   */
  synchronized void renewOnce() {
    if (closed) {
      return;
    }
    rounds.incrementAndGet();
    State s = state;
    if (s == null) {
      rejoin();
      return;
    }
    long started = ticker.getAsLong();
    if (started - s.validUntil() >= 0) {
      lapse(s, "the lease ran out before it was renewed");
      return;
    }
    boolean renewed;
    try {
      renewed = registry.renew(s.lease());
    } catch (DirectoryException | DirectoryStorageException e) {
      return; // retried next turn; the ticker ends the lease if no renewal succeeds in time
    }
    if (!renewed) {
      lapse(s, "the directory refused the renewal");
      return;
    }
    state = new State(s.lease(), started + leaseNanos - marginNanos);
    reconfirm(s);
  }

  private void renewQuietly() {
    try {
      renewOnce();
    } catch (RuntimeException e) {
      LOG.warn("lease renewal failed: {}", e.getMessage());
    }
  }

  private void reconfirm(State s) {
    for (Map.Entry<String, Long> entry : List.copyOf(owned.entrySet())) {
      String vaultId = entry.getKey();
      try {
        Optional<VaultOwner> owner = registry.currentOwner(vaultId);
        if (owner.isEmpty() || !mine(owner.get(), s) || owner.get().epoch() != entry.getValue()) {
          owned.remove(vaultId, entry.getValue());
          vaults.closeUnderUsers(vaultId);
        }
      } catch (DirectoryException | DirectoryStorageException e) {
        return; // asked again next turn
      }
    }
  }

  private void lapse(State s, String why) {
    state = null; // the fence refuses from here on
    owned.clear();
    int closedVaults = vaults.closeAllUnderUsers().size();
    LOG.warn(
        "lease lapsed: {}; primary {} epoch {} stopped serving and closed {} vaults; joining again",
        why,
        primary,
        s.lease().epoch(),
        closedVaults);
    rejoin();
  }

  private void rejoin() {
    try {
      join();
    } catch (DirectoryException | DirectoryStorageException e) {
      // Still not serving; tried again next turn.
    }
  }

  private void join() throws DirectoryException {
    long started = ticker.getAsLong();
    PrimaryLease joined = registry.join(primary, rpcAddress, lease);
    state = new State(joined, started + leaseNanos - marginNanos);
  }

  private boolean valid(State s) {
    return s != null && !closed && ticker.getAsLong() - s.validUntil() < 0;
  }

  /** An assignment to this primary made after this incarnation joined. */
  private boolean mine(VaultOwner owner, State s) {
    return owner.primary().equals(primary) && owner.epoch() > s.lease().epoch();
  }

  /** Stops renewing and leaves the cluster: from now on the fence refuses every write. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    State s = state;
    state = null;
    if (s != null) {
      try {
        registry.leave(s.lease());
      } catch (DirectoryException | DirectoryStorageException e) {
        LOG.warn("leaving the cluster failed: {}", e.getMessage());
      }
    }
  }
}
