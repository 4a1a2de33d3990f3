package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcPeer;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcService;
import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.Outbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a primary serves to front-ends: their sessions' mailboxes (as handles), deliveries and the
 * outbox, on the local store (docs/adr/0278-remote-storage-contracts.md).
 *
 * <p>Concurrency: requests arrive on worker threads and may overlap; each peer's handles are in its
 * own table, and a handle opened while its peer disconnects is closed at once. A vault this node no
 * longer owns is refused ({@code not-owner}) before the store is touched, and its handles are
 * closed as they are next used.
 */
public final class PrimaryService implements RpcService {

  /** How many mailboxes one front-end may hold open here: one per IMAP/POP3 session. */
  static final int MAX_HANDLES_PER_PEER = 20_000;

  private static final Logger LOG = LoggerFactory.getLogger(PrimaryService.class);

  private final MailAccess local;
  private final MailDelivery delivery;
  private final Outbox outbox;
  private final Outbox asIs;
  private final QuotaLedgers quotas;
  private final OwnershipCheck owns;
  private final PrimaryOperations operations;
  private final Map<RpcPeer, PeerHandles> peers = new ConcurrentHashMap<>();
  private final AtomicLong nextHandle = new AtomicLong(1);
  // weak: a peer's connection object is forgotten once the transport lets go of it
  private final Set<RpcPeer> gonePeers = Collections.newSetFromMap(new WeakHashMap<>());

  /** One open mailbox of a peer. */
  private static final class Held {
    final String vaultId;
    final MailboxAccess box;
    VaultListener.Registration events; // guarded by this

    Held(String vaultId, MailboxAccess box) {
      this.vaultId = vaultId;
      this.box = box;
    }

    void close() {
      synchronized (this) {
        if (events != null) {
          events.close();
        }
      }
      box.close();
    }
  }

  /** A peer's open mailboxes. */
  private static final class PeerHandles {
    final Map<Long, Held> handles = new HashMap<>(); // guarded by this
    boolean gone; // guarded by this
  }

  public PrimaryService(
      MailAccess local,
      MailDelivery delivery,
      Outbox outbox,
      QuotaLedgers quotas,
      OwnershipCheck owns) {
    this(local, delivery, outbox, outbox, quotas, owns);
  }

  /** A primary for mail only: no {@link PrimaryOperations}. */
  public PrimaryService(
      MailAccess local,
      MailDelivery delivery,
      Outbox outbox,
      Outbox asIs,
      QuotaLedgers quotas,
      OwnershipCheck owns) {
    this(local, delivery, outbox, asIs, quotas, owns, PrimaryOperations.NONE);
  }

  /**
   * @param outbox where submitted mail goes (the node's signing outbox)
   * @param asIs where mail goes that must leave as it came: forwarded copies carry no signature of
   *     ours (ADR 0240); commits and abandons of either reach the same queue
   * @param operations the primary's named operations for front-ends' web features (ADR 0286)
   */
  public PrimaryService(
      MailAccess local,
      MailDelivery delivery,
      Outbox outbox,
      Outbox asIs,
      QuotaLedgers quotas,
      OwnershipCheck owns,
      PrimaryOperations operations) {
    this.local = local;
    this.delivery = delivery;
    this.outbox = outbox;
    this.asIs = asIs;
    this.quotas = quotas;
    this.owns = owns;
    this.operations = operations;
  }

  @Override
  public byte[] handle(RpcPeer peer, String method, byte[] payload) throws Exception {
    try {
      return dispatch(peer, method, new WireReader(payload));
    } catch (RpcRemoteException e) {
      throw e;
    } catch (MailvaultException | RuntimeException e) {
      RpcRemoteException refusal = Failures.refusal(e);
      if (RpcRemoteException.INTERNAL.equals(refusal.kind())) {
        LOG.warn("{} from {} failed: {}", method, peer.name(), e.getClass().getName());
      }
      throw refusal;
    }
  }

  private byte[] dispatch(RpcPeer peer, String method, WireReader in) throws MailvaultException {
    if (method.startsWith(Calls.MAILBOX)) {
      return onHandle(peer, method.substring(Calls.MAILBOX.length()), in);
    }
    switch (method) {
      case Calls.OPEN:
        return open(peer, in);
      case Calls.DELIVER:
        return deliver(in);
      case Calls.SUBMIT:
        {
          var message = Codecs.readOutbound(in);
          in.finish();
          return new WireWriter().writeString(outbox.submit(message)).toBytes();
        }
      case Calls.PREPARE:
        {
          var message = Codecs.readOutbound(in);
          in.finish();
          return new WireWriter().writeString(outbox.prepare(message)).toBytes();
        }
      case Calls.SUBMIT_AS_IS:
        {
          var message = Codecs.readOutbound(in);
          in.finish();
          return new WireWriter().writeString(asIs.submit(message)).toBytes();
        }
      case Calls.PREPARE_AS_IS:
        {
          var message = Codecs.readOutbound(in);
          in.finish();
          return new WireWriter().writeString(asIs.prepare(message)).toBytes();
        }
      case Calls.COMMIT:
        {
          String id = in.readString();
          in.finish();
          outbox.commit(id);
          return new byte[0];
        }
      case Calls.ABANDON:
        {
          String id = in.readString();
          in.finish();
          outbox.abandon(id);
          return new byte[0];
        }
      case Calls.OPS_VAULT:
        {
          String vaultId = in.readString();
          byte[] request = in.readBytes();
          in.finish();
          // The same rule as a mailbox's: only the owner touches a vault's files (ADR 0280).
          if (!owns.owns(vaultId)) {
            throw notOwner();
          }
          return operations.run(PrimaryOperations.Scope.VAULT, vaultId, request);
        }
      case Calls.OPS_NODE:
        {
          byte[] request = in.readBytes();
          in.finish();
          return operations.run(PrimaryOperations.Scope.NODE, "", request);
        }
      default:
        throw new WireFormatException("unknown method");
    }
  }

  private byte[] open(RpcPeer peer, WireReader in) throws MailvaultException {
    String vaultId = in.readString();
    byte[] dataKey = in.readBytes();
    byte[] spoolKey = in.readBytes();
    MailboxAccess box;
    try (SecretBytes data = SecretBytes.copyOf(dataKey);
        SecretBytes spool = SecretBytes.copyOf(spoolKey)) {
      in.finish();
      if (!owns.owns(vaultId)) {
        throw notOwner();
      }
      box = local.open(vaultId, data, spool, quotas.forVault(vaultId));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(spoolKey, (byte) 0);
    }
    PeerHandles table = peers.computeIfAbsent(peer, p -> new PeerHandles());
    long handle = nextHandle.getAndIncrement();
    synchronized (table) {
      // a request still running when its peer disconnected must not leave a handle behind
      boolean gone = table.gone || isGone(peer);
      if (gone) {
        peers.remove(peer, table);
      } else if (table.handles.size() < MAX_HANDLES_PER_PEER) {
        table.handles.put(handle, new Held(vaultId, box));
        return new WireWriter().writeLong(handle).toBytes();
      }
    }
    box.close();
    throw new RpcRemoteException(Failures.UNAVAILABLE, "too many mailboxes open");
  }

  private byte[] onHandle(RpcPeer peer, String op, WireReader in) throws MailvaultException {
    long handle = in.readLong();
    PeerHandles table = peers.get(peer);
    Held held = null;
    boolean owned = false;
    if (table != null) {
      synchronized (table) {
        held = table.handles.get(handle);
        owned = held != null && owns.owns(held.vaultId);
        if (held != null && (op.equals("close") || !owned)) {
          table.handles.remove(handle);
        }
      }
    }
    if (held == null) {
      if (op.equals("close")) {
        return new byte[0];
      }
      throw new RpcRemoteException(Failures.NO_HANDLE, "no such mailbox handle");
    }
    if (op.equals("close") || !owned) {
      held.close();
      if (op.equals("close")) {
        return new byte[0];
      }
      throw notOwner();
    }
    if (op.equals("listen")) {
      in.finish();
      listen(peer, handle, held);
      return new byte[0];
    }
    return MailboxCalls.run(held.box, op, in);
  }

  private static void listen(RpcPeer peer, long handle, Held held) {
    String stream = Calls.eventStream(handle);
    synchronized (held) {
      if (held.events == null) {
        held.events =
            held.box.addListener(
                event -> {
                  WireWriter out = new WireWriter();
                  EventCodec.write(out, event);
                  peer.push(stream, out.toBytes());
                });
      }
    }
  }

  private byte[] deliver(WireReader in) throws MailvaultException {
    var message = Codecs.readIncoming(in);
    var recipients = in.readList(13, Codecs::readRecipient);
    in.finish();
    for (MailDelivery.Recipient recipient : recipients) {
      if (!owns.owns(recipient.vaultId())) {
        throw notOwner();
      }
    }
    delivery.deliver(message, recipients);
    return new byte[0];
  }

  private static RpcRemoteException notOwner() {
    return new RpcRemoteException(
        Failures.NOT_OWNER, "this server does not serve that mailbox now");
  }

  private boolean isGone(RpcPeer peer) {
    synchronized (gonePeers) {
      return gonePeers.contains(peer);
    }
  }

  @Override
  public void disconnected(RpcPeer peer) {
    synchronized (gonePeers) {
      gonePeers.add(peer);
    }
    PeerHandles table = peers.remove(peer);
    if (table == null) {
      return;
    }
    List<Held> held;
    synchronized (table) {
      table.gone = true;
      held = new ArrayList<>(table.handles.values());
      table.handles.clear();
    }
    for (Held h : held) {
      h.close();
    }
  }

  /** How many mailboxes {@code peer} holds open here (for tests and diagnostics). */
  int openHandles(RpcPeer peer) {
    PeerHandles table = peers.get(peer);
    if (table == null) {
      return 0;
    }
    synchronized (table) {
      return table.handles.size();
    }
  }
}
