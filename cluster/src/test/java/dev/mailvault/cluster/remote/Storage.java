package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.store.LocalDelivery;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A primary's storage on real files, shared by the primaries of a test (as a shared volume is):
 * vault store, spool, local access and delivery, one ledger per vault, and an outbox that keeps
 * what it was given.
 */
final class Storage implements AutoCloseable {

  /** One alias: vault id, data key, spool key pair. */
  record Alias(String vaultId, byte[] key, SpoolKeyPair spoolKeys) {
    MailDelivery.Recipient recipient() {
      return new MailDelivery.Recipient(vaultId, spoolKeys.publicKey());
    }
  }

  final VaultStore vaults;
  final SpoolStore spool;
  final LocalMailAccess access;
  final LocalDelivery delivery;
  final Map<String, TestLedger> ledgers = new ConcurrentHashMap<>();
  final RecordingOutbox outbox = new RecordingOutbox();
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  Storage(Path dir) {
    vaults = new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
    spool = new SpoolStore(dir.resolve("spool"));
    access = new LocalMailAccess(vaults, spool);
    delivery = new LocalDelivery(vaults, spool, ledgers::get);
  }

  Alias alias() throws Exception {
    return alias(100_000_000);
  }

  Alias alias(long maxBytes) throws Exception {
    String vaultId = RandomIds.vaultId();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    TestLedger ledger = new TestLedger(maxBytes);
    ledgers.put(vaultId, ledger);
    vaults.create(vaultId, key, ledger).close();
    SpoolKeyPair keys = SpoolKeyPair.generate();
    cleanup.add(keys);
    return new Alias(vaultId, key, keys);
  }

  /** A primary's service on this storage. */
  PrimaryService primary(OwnershipCheck owns) {
    return primary(owns, outbox);
  }

  PrimaryService primary(OwnershipCheck owns, Outbox queue) {
    return new PrimaryService(access, delivery, queue, ledgers::get, owns);
  }

  /** A primary whose signing outbox is {@code signed} and whose queue as given is {@code asIs}. */
  PrimaryService primary(OwnershipCheck owns, Outbox signed, Outbox asIs) {
    return new PrimaryService(access, delivery, signed, asIs, ledgers::get, owns);
  }

  /** A primary whose named operations are {@code operations}. */
  PrimaryService primary(OwnershipCheck owns, PrimaryOperations operations) {
    return new PrimaryService(access, delivery, outbox, outbox, ledgers::get, owns, operations);
  }

  /** The vault opened here, as a session on the primary itself would. */
  MailboxAccess openLocal(Alias alias) throws Exception {
    MailboxAccess box =
        access.open(
            alias.vaultId(),
            SecretBytes.copyOf(alias.key()),
            alias.spoolKeys().privateKey(),
            ledgers.get(alias.vaultId()));
    cleanup.add(box);
    return box;
  }

  MailboxAccess openRemote(RemoteMailAccess remote, Alias alias) throws Exception {
    MailboxAccess box =
        remote.open(
            alias.vaultId(), SecretBytes.copyOf(alias.key()), alias.spoolKeys().privateKey(), null);
    cleanup.add(box);
    return box;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    vaults.close();
  }

  /** An outbox that keeps the messages it queued. */
  static final class RecordingOutbox implements Outbox {
    final List<OutboundMessage> submitted = new CopyOnWriteArrayList<>();
    final Map<String, OutboundMessage> held = new ConcurrentHashMap<>();
    final Set<String> committed = ConcurrentHashMap.newKeySet();

    @Override
    public String submit(OutboundMessage message) {
      submitted.add(message);
      return "q" + submitted.size();
    }

    @Override
    public String prepare(OutboundMessage message) {
      String id = "h" + (held.size() + 1);
      held.put(id, message);
      return id;
    }

    @Override
    public void commit(String id) {
      if (held.containsKey(id)) {
        committed.add(id);
      }
    }

    @Override
    public void abandon(String id) {
      held.remove(id);
    }
  }
}
