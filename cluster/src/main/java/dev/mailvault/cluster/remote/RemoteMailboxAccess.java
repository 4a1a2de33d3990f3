package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's mailbox on the primary that owns it, through a handle the primary holds.
 *
 * <p>Concurrency: calls may overlap (a session pipelines); {@link #lock} serialises opening a
 * handle, never a call in flight, and the transport's disconnect callback takes no lock. Events
 * arrive on the channel's push thread, in commit order, and go to the listeners there (a {@link
 * VaultListener} must not block).
 *
 * <p>Failover (docs/adr/0279-remote-failover-and-delivery.md): when the channel drops or the
 * primary answers that it no longer owns the vault, the handle is forgotten and the router asked
 * again; the next call opens the vault on the new owner with the kept copies of the keys. A read is
 * replayed there once; a write whose answer was lost fails as a temporary failure, never retried,
 * since it may have committed. After such a re-open the listeners hear one {@link
 * VaultEvent.VaultReplaced}: events may have been missed in the switch.
 */
final class RemoteMailboxAccess implements MailboxAccess {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteMailboxAccess.class);

  /** Writes the arguments after the handle id. */
  @FunctionalInterface
  private interface Args {
    void write(WireWriter out);
  }

  /** One open handle on one primary; {@code listening} is guarded by the outer lock. */
  private final class Session {
    final RpcChannel channel;
    final long handle;
    final RpcChannel.Subscription pushes;
    final RpcChannel.Subscription disconnects;
    boolean listening; // guarded by lock

    Session(RpcChannel channel, long handle) {
      this.channel = channel;
      this.handle = handle;
      this.pushes = channel.onPush(Calls.eventStream(handle), this::heard);
      this.disconnects = channel.onDisconnect(() -> lost(this));
    }

    private void heard(byte[] payload) {
      VaultEvent event;
      try {
        event = WireReader.decode(payload, EventCodec::read);
      } catch (WireFormatException e) {
        LOG.warn(
            "vault {}: an event from {} did not decode: {}",
            vaultId,
            channel.peer(),
            e.getMessage());
        return;
      }
      announce(event);
    }

    void release() {
      pushes.close();
      disconnects.close();
    }
  }

  private final VaultRouter router;
  private final String vaultId;
  private final SecretBytes dataKey;
  private final SecretBytes spoolKey;
  private final List<VaultListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  // written under lock, except that lost() clears it without the lock: it runs on the transport's
  // thread, which must never wait for a caller that holds the lock while it waits for the transport
  private final AtomicReference<Session> session = new AtomicReference<>();
  // a session was lost: the next open must say so
  private final AtomicBoolean replaced = new AtomicBoolean();
  private boolean closed; // guarded by lock

  private RemoteMailboxAccess(
      VaultRouter router, String vaultId, SecretBytes dataKey, SecretBytes spoolKey) {
    this.router = router;
    this.vaultId = vaultId;
    this.dataKey = dataKey;
    this.spoolKey = spoolKey;
  }

  /** Opens the vault on its owner; the keys are copied and kept until {@link #close}. */
  static RemoteMailboxAccess open(
      VaultRouter router, String vaultId, SecretBytes dataKey, SecretBytes spoolKey)
      throws MailvaultException {
    RemoteMailboxAccess access =
        new RemoteMailboxAccess(
            router,
            vaultId,
            SecretBytes.copyOf(dataKey.bytes()),
            SecretBytes.copyOf(spoolKey.bytes()));
    try {
      access.current();
      return access;
    } catch (MailvaultException | RuntimeException e) {
      access.close();
      throw e;
    }
  }

  /** The current session, opening one on the owner (a second owner once if refused). */
  private Session current() throws MailvaultException {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("mailbox closed");
      }
      Session now = session.get();
      if (now != null) {
        return now;
      }
      for (int attempt = 0; ; attempt++) {
        RpcChannel channel = router.route(vaultId);
        try {
          now = openOn(channel);
          session.set(now);
          break;
        } catch (RpcRemoteException e) {
          if (!Failures.NOT_OWNER.equals(e.kind())) {
            throw Failures.local(e);
          }
          router.invalidate(vaultId);
          if (attempt > 0) {
            throw new RpcUnavailableException("the mailbox is moving to another server");
          }
        } catch (RpcUnavailableException e) {
          router.invalidate(vaultId);
          throw e;
        }
      }
      // VaultReplaced before any event of the new handle: listening starts after it
      if (replaced.getAndSet(false)) {
        announce(new VaultEvent.VaultReplaced());
      }
      if (!listeners.isEmpty()) {
        try {
          listen(now);
        } catch (RpcRemoteException e) {
          lost(now);
          throw Failures.local(e);
        } catch (MailvaultException e) {
          lost(now);
          throw e;
        }
      }
      return now;
    }
  }

  // holds lock
  private Session openOn(RpcChannel channel) throws MailvaultException {
    WireWriter out = new WireWriter().writeString(vaultId);
    dataKey.apply(key -> out.writeBytes(key));
    spoolKey.apply(key -> out.writeBytes(key));
    byte[] payload = out.toBytes();
    long handle;
    try {
      handle = WireReader.decode(Calls.call(channel, Calls.OPEN, payload), WireReader::readLong);
    } finally {
      java.util.Arrays.fill(payload, (byte) 0);
    }
    return new Session(channel, handle);
  }

  // holds lock
  private void listen(Session s) throws MailvaultException {
    if (!s.listening) {
      Calls.call(
          s.channel, Calls.MAILBOX + "listen", new WireWriter().writeLong(s.handle).toBytes());
      s.listening = true;
    }
  }

  /** Forgets {@code s} if it is still current: the next call opens the vault again. */
  private void lost(Session s) {
    if (!session.compareAndSet(s, null)) {
      return;
    }
    replaced.set(true);
    s.release();
    router.invalidate(vaultId);
  }

  private void announce(VaultEvent event) {
    for (VaultListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("vault {}: a listener failed: {}", vaultId, e.getClass().getName());
      }
    }
  }

  private <T> T read(String op, Args args, WireReader.Decoder<T> result) throws MailvaultException {
    return call(op, args, result, true);
  }

  private <T> T write(String op, Args args, WireReader.Decoder<T> result)
      throws MailvaultException {
    return call(op, args, result, false);
  }

  private <T> T call(String op, Args args, WireReader.Decoder<T> result, boolean replay)
      throws MailvaultException {
    for (int attempt = 0; ; attempt++) {
      Session s = current();
      WireWriter out = new WireWriter().writeLong(s.handle);
      args.write(out);
      byte[] answer;
      try {
        answer = Calls.call(s.channel, Calls.MAILBOX + op, out.toBytes());
      } catch (RpcRemoteException e) {
        if (!Failures.NOT_OWNER.equals(e.kind()) && !Failures.NO_HANDLE.equals(e.kind())) {
          throw Failures.local(e);
        }
        lost(s);
        // refused before it was carried out, but a write is still not retried: the session hears
        // VaultReplaced at the next call and its client resyncs (ADR 0279)
        if (replay && attempt == 0) {
          continue;
        }
        throw new RpcUnavailableException("the mailbox moved to another server, try again");
      } catch (RpcUnavailableException e) {
        lost(s);
        if (replay && attempt == 0) {
          continue;
        }
        throw new RpcUnavailableException(
            "the mailbox server did not answer; the change may or may not have been made");
      }
      return WireReader.decode(answer, result);
    }
  }

  private static Void none(WireReader in) {
    return null;
  }

  @Override
  public String id() {
    return vaultId;
  }

  @Override
  public List<FolderInfo> listFolders() throws MailvaultException {
    return read("listFolders", out -> {}, in -> in.readList(8, Codecs::readFolder));
  }

  @Override
  public FolderInfo folder(String name) throws MailvaultException {
    return read("folder", out -> out.writeString(name), Codecs::readFolder);
  }

  @Override
  public FolderInfo createFolder(String name, String specialUse) throws MailvaultException {
    return write(
        "createFolder",
        out -> out.writeString(name).writeNullableString(specialUse),
        Codecs::readFolder);
  }

  @Override
  public void renameFolder(String from, String to) throws MailvaultException {
    write("renameFolder", out -> out.writeString(from).writeString(to), RemoteMailboxAccess::none);
  }

  @Override
  public void deleteFolder(String name) throws MailvaultException {
    write("deleteFolder", out -> out.writeString(name), RemoteMailboxAccess::none);
  }

  @Override
  public void subscribe(String name) throws MailvaultException {
    write("subscribe", out -> out.writeString(name), RemoteMailboxAccess::none);
  }

  @Override
  public boolean unsubscribe(String name) throws MailvaultException {
    return write("unsubscribe", out -> out.writeString(name), WireReader::readBool);
  }

  @Override
  public List<String> subscriptions() throws MailvaultException {
    return read("subscriptions", out -> {}, in -> in.readList(4, WireReader::readString));
  }

  @Override
  public AppendResult append(String folder, NewMessage message) throws MailvaultException {
    return write(
        "append",
        out -> {
          out.writeString(folder);
          Codecs.writeNewMessage(out, message);
        },
        Codecs::readAppend);
  }

  @Override
  public List<AppendResult> appendAll(String folder, List<NewMessage> messages)
      throws MailvaultException {
    return write(
        "appendAll",
        out -> out.writeString(folder).writeList(messages, Codecs::writeNewMessage),
        in -> in.readList(24, Codecs::readAppend));
  }

  @Override
  public List<MessageFlags> storeFlags(String folder, UidSet uids, FlagUpdate update)
      throws MailvaultException {
    return write(
        "storeFlags",
        out -> {
          out.writeString(folder);
          Codecs.writeUids(out, uids);
          Codecs.writeFlagUpdate(out, update);
        },
        in -> in.readList(24, Codecs::readMessageFlags));
  }

  @Override
  public ConditionalStore storeFlags(
      String folder, UidSet uids, FlagUpdate update, long unchangedSince)
      throws MailvaultException {
    return write(
        "storeFlagsIf",
        out -> {
          out.writeString(folder);
          Codecs.writeUids(out, uids);
          Codecs.writeFlagUpdate(out, update);
          out.writeLong(unchangedSince);
        },
        Codecs::readConditional);
  }

  @Override
  public CopyResult copy(String from, UidSet uids, String to) throws MailvaultException {
    return write("copy", transfer(from, uids, to), Codecs::readCopy);
  }

  @Override
  public CopyResult move(String from, UidSet uids, String to) throws MailvaultException {
    return write("move", transfer(from, uids, to), Codecs::readCopy);
  }

  private static Args transfer(String from, UidSet uids, String to) {
    return out -> {
      out.writeString(from);
      Codecs.writeUids(out, uids);
      out.writeString(to);
    };
  }

  @Override
  public ExpungeResult expunge(String folder) throws MailvaultException {
    return write("expunge", out -> out.writeString(folder), Codecs::readExpunge);
  }

  @Override
  public ExpungeResult expunge(String folder, UidSet uids) throws MailvaultException {
    return write(
        "expungeUids",
        out -> {
          out.writeString(folder);
          Codecs.writeUids(out, uids);
        },
        Codecs::readExpunge);
  }

  @Override
  public long[] uids(String folder) throws MailvaultException {
    return read("uids", out -> out.writeString(folder), WireReader::readLongs);
  }

  @Override
  public List<MessageMeta> messages(String folder, UidSet uids) throws MailvaultException {
    return read("messages2", selection(folder, uids), RemoteMailboxAccess::metas);
  }

  @Override
  public List<MessageMeta> messages(String folder, UidSet uids, boolean structure)
      throws MailvaultException {
    Args args = selection(folder, uids);
    return read(
        "messages",
        out -> {
          args.write(out);
          out.writeBool(structure);
        },
        RemoteMailboxAccess::metas);
  }

  private static Args selection(String folder, UidSet uids) {
    return out -> {
      out.writeString(folder);
      Codecs.writeUids(out, uids);
    };
  }

  private static List<MessageMeta> metas(WireReader in) throws WireFormatException {
    return in.readList(40, Codecs::readMeta);
  }

  @Override
  public List<MessageMeta> changedSince(String folder, UidSet uids, long modseq, boolean structure)
      throws MailvaultException {
    Args args = selection(folder, uids);
    return read(
        "changedSince",
        out -> {
          args.write(out);
          out.writeLong(modseq).writeBool(structure);
        },
        RemoteMailboxAccess::metas);
  }

  @Override
  public List<Long> expungedSince(String folder, long modseq) throws MailvaultException {
    return read(
        "expungedSince", out -> out.writeString(folder).writeLong(modseq), Codecs::readLongList);
  }

  @Override
  public OptionalLong uidNextAt(String folder, long modseq) throws MailvaultException {
    return read(
        "uidNextAt",
        out -> out.writeString(folder).writeLong(modseq),
        in -> in.readBool() ? OptionalLong.of(in.readLong()) : OptionalLong.empty());
  }

  @Override
  public Set<String> keywords(String folder) throws MailvaultException {
    return read(
        "keywords",
        out -> out.writeString(folder),
        in -> new HashSet<>(in.readList(4, WireReader::readString)));
  }

  @Override
  public long[] search(String folder, SearchQuery query) throws MailvaultException {
    return read(
        "search", out -> QueryCodec.write(out.writeString(folder), query), WireReader::readLongs);
  }

  @Override
  public long[] sort(String folder, List<SortCriterion> criteria, SearchQuery query)
      throws MailvaultException {
    return read(
        "sort",
        out ->
            QueryCodec.write(out.writeString(folder).writeList(criteria, Codecs::writeSort), query),
        WireReader::readLongs);
  }

  @Override
  public List<MessageThread> thread(String folder, ThreadAlgorithm algorithm, SearchQuery query)
      throws MailvaultException {
    return read(
        "thread",
        out -> QueryCodec.write(out.writeString(folder).writeEnum(algorithm), query),
        in -> in.readList(12, Codecs::readThread));
  }

  @Override
  public long firstUnseen(String folder) throws MailvaultException {
    return read("firstUnseen", out -> out.writeString(folder), WireReader::readLong);
  }

  @Override
  public byte[] fetch(String folder, long uid) throws MailvaultException {
    return read("fetch", out -> out.writeString(folder).writeLong(uid), WireReader::readBytes);
  }

  @Override
  public byte[] fetchRange(String folder, long uid, long offset, int length)
      throws MailvaultException {
    return read(
        "fetchRange",
        out -> out.writeString(folder).writeLong(uid).writeLong(offset).writeInt(length),
        WireReader::readBytes);
  }

  @Override
  public byte[] fetchSection(String folder, long uid, String section) throws MailvaultException {
    return read(
        "fetchSection",
        out -> out.writeString(folder).writeLong(uid).writeString(section),
        WireReader::readBytes);
  }

  @Override
  public Map<Long, Map<String, byte[]>> fetchSections(
      String folder, List<Long> uids, List<String> sections) throws MailvaultException {
    return read(
        "fetchSections",
        out -> {
          out.writeString(folder);
          Codecs.writeLongList(out, uids);
          out.writeList(sections, WireWriter::writeString);
        },
        Codecs::readSections);
  }

  @Override
  public VaultListener.Registration addListener(VaultListener listener) {
    listeners.add(listener);
    synchronized (lock) {
      Session s = session.get();
      if (s != null) {
        try {
          listen(s);
        } catch (MailvaultException e) {
          // the next call opens the vault again, listening, and says VaultReplaced
          LOG.debug("vault {}: events not started: {}", vaultId, e.getMessage());
          lost(s);
        }
      }
    }
    return () -> listeners.remove(listener);
  }

  @Override
  public void awaitEvents() {
    try {
      read("await", out -> {}, RemoteMailboxAccess::none);
    } catch (MailvaultException | RuntimeException e) {
      // nothing more can be heard from a primary that is gone; the next command fails or re-opens
      LOG.debug("vault {}: events not awaited: {}", vaultId, e.getMessage());
    }
  }

  @Override
  public void close() {
    Session s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = session.getAndSet(null);
    }
    listeners.clear();
    dataKey.destroy();
    spoolKey.destroy();
    if (s != null) {
      s.release();
      // not awaited: a primary that is gone released the handle when the connection closed
      s.channel.call(Calls.MAILBOX + "close", new WireWriter().writeLong(s.handle).toBytes());
    }
  }
}
