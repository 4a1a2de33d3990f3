package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.cluster.rpc.RpcPeer;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary's side on its own: a peer's garbage gets clean refusals, never an internal error; a
 * peer cannot use another peer's handle; a vault it does not own is refused; and one handle serves
 * overlapping calls.
 */
class PrimaryServiceTest {

  @TempDir Path dir;

  private Storage storage;
  private final Set<String> notOwned = ConcurrentHashMap.newKeySet();
  private PrimaryService service;

  /** A peer as the transport would present one. */
  private static final class Peer implements RpcPeer {
    @Override
    public String name() {
      return "frontend";
    }

    @Override
    public void push(String stream, byte[] payload) {}
  }

  @BeforeEach
  void setUp() {
    storage = new Storage(dir);
    service = storage.primary(v -> !notOwned.contains(v));
  }

  @AfterEach
  void tearDown() throws Exception {
    storage.close();
  }

  private long open(RpcPeer peer, Storage.Alias alias) throws Exception {
    WireWriter out = new WireWriter().writeString(alias.vaultId()).writeBytes(alias.key());
    alias.spoolKeys().privateKey().apply(key -> out.writeBytes(key));
    return WireReader.decode(service.handle(peer, Calls.OPEN, out.toBytes()), WireReader::readLong);
  }

  @Test
  void garbageArgumentsOnEveryMethodAreRefusedCleanly() throws Exception {
    Storage.Alias alias = storage.alias();
    Peer peer = new Peer();
    long handle = open(peer, alias);
    List<String> methods =
        new ArrayList<>(
            List.of(
                Calls.OPEN,
                Calls.DELIVER,
                Calls.SUBMIT,
                Calls.PREPARE,
                Calls.COMMIT,
                "nonsense",
                "mbx."));
    for (String op :
        List.of(
            "listFolders",
            "folder",
            "createFolder",
            "renameFolder",
            "deleteFolder",
            "subscribe",
            "unsubscribe",
            "subscriptions",
            "append",
            "appendAll",
            "storeFlags",
            "storeFlagsIf",
            "copy",
            "move",
            "expunge",
            "expungeUids",
            "uids",
            "messages",
            "messages2",
            "changedSince",
            "expungedSince",
            "uidNextAt",
            "keywords",
            "search",
            "sort",
            "thread",
            "firstUnseen",
            "fetch",
            "fetchRange",
            "fetchSection",
            "fetchSections",
            "await",
            "unknownOp")) {
      methods.add(Calls.MAILBOX + op);
    }
    Random random = new Random(18);
    for (String method : methods) {
      for (int i = 0; i < 40; i++) {
        byte[] junk = new byte[random.nextInt(40)];
        random.nextBytes(junk);
        WireWriter out = new WireWriter();
        if (method.startsWith(Calls.MAILBOX) && i % 2 == 0) {
          out.writeLong(handle);
        }
        byte[] payload = concat(out.toBytes(), junk);
        try {
          service.handle(peer, method, payload);
        } catch (RpcRemoteException e) {
          assertThat(e.kind()).as(method).isNotEqualTo(RpcRemoteException.INTERNAL);
        }
      }
    }
    // the handle still serves after all that
    assertThat(
            WireReader.decode(
                service.handle(
                    peer,
                    Calls.MAILBOX + "uids",
                    new WireWriter().writeLong(handle).writeString("INBOX").toBytes()),
                WireReader::readLongs))
        .isEmpty();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aHandleBelongsToThePeerThatOpenedItAndToAVaultStillOwned() throws Exception {
    Storage.Alias alias = storage.alias();
    Peer owner = new Peer();
    long handle = open(owner, alias);
    byte[] listFolders = new WireWriter().writeLong(handle).toBytes();

    assertThatThrownBy(() -> service.handle(new Peer(), Calls.MAILBOX + "listFolders", listFolders))
        .isInstanceOfSatisfying(
            RpcRemoteException.class, e -> assertThat(e.kind()).isEqualTo(Failures.NO_HANDLE));
    assertThat(service.handle(owner, Calls.MAILBOX + "listFolders", listFolders)).isNotEmpty();

    notOwned.add(alias.vaultId());
    assertThatThrownBy(() -> service.handle(owner, Calls.MAILBOX + "listFolders", listFolders))
        .isInstanceOfSatisfying(
            RpcRemoteException.class, e -> assertThat(e.kind()).isEqualTo(Failures.NOT_OWNER));
    assertThat(service.openHandles(owner)).isZero();
    assertThatThrownBy(() -> open(owner, alias))
        .isInstanceOfSatisfying(
            RpcRemoteException.class, e -> assertThat(e.kind()).isEqualTo(Failures.NOT_OWNER));
  }

  @Test
  void aWrongKeyIsRefusedAsTheLocalStoreRefusesIt() throws Exception {
    Storage.Alias alias = storage.alias();
    Storage.Alias wrong = new Storage.Alias(alias.vaultId(), new byte[32], alias.spoolKeys());
    assertThatThrownBy(() -> open(new Peer(), wrong))
        .isInstanceOfSatisfying(
            RpcRemoteException.class, e -> assertThat(e.kind()).isEqualTo(Failures.VAULT_KEY));
  }

  @Test
  void oneRemoteHandleServesOverlappingCalls() throws Exception {
    Storage.Alias alias = storage.alias();
    try (LoopbackRpc channel = new LoopbackRpc("primary", service)) {
      MailboxAccess box = storage.openRemote(new RemoteMailAccess(new TestRouter(channel)), alias);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Callable<Long>> appends = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
          int i = n;
          appends.add(
              () -> {
                box.listFolders();
                return box.append(
                        "INBOX",
                        new NewMessage(Messages.text(i, "c" + i, null), Flags.NONE, Instant.EPOCH))
                    .uid();
              });
        }
        Set<Long> uids = new java.util.HashSet<>();
        for (Future<Long> f : pool.invokeAll(appends)) {
          uids.add(f.get());
        }
        assertThat(uids).hasSize(30);
        assertThat(box.uids("INBOX")).hasSize(30);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
