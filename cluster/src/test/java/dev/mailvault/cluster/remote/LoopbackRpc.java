package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcPeer;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcService;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link RpcChannel} wired in memory to an {@link RpcService}, keeping the channel's contract:
 * requests run concurrently on a pool; pushes and responses reach the caller on one thread in the
 * order the service queued them. {@link #disconnect} drops the connection as a network would: calls
 * in flight fail as unavailable, the service hears {@code disconnected}, and a new connection (a
 * new peer) is up at once unless {@link #down} keeps it down.
 */
final class LoopbackRpc implements RpcChannel, AutoCloseable {

  private final String name;
  private final RpcService service;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final Map<String, List<Consumer<byte[]>>> pushListeners = new ConcurrentHashMap<>();
  private final List<Runnable> disconnectActions = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  private volatile Connection connection;

  /** One connection: its peer as the service sees it, and its ordered delivery thread. */
  private final class Connection implements RpcPeer {
    final ExecutorService delivery = Executors.newSingleThreadExecutor();
    final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
    volatile boolean open = true;

    @Override
    public String name() {
      return "frontend";
    }

    @Override
    public void push(String stream, byte[] payload) {
      if (!open) {
        return;
      }
      try {
        delivery.execute(
            () -> {
              if (open) {
                for (Consumer<byte[]> listener : pushListeners.getOrDefault(stream, List.of())) {
                  listener.accept(payload);
                }
              }
            });
      } catch (RejectedExecutionException e) {
        // the connection was lost meanwhile: a push to a lost connection is dropped
      }
    }

    void respond(CompletableFuture<byte[]> future, byte[] answer, Throwable failure) {
      try {
        if (open) {
          delivery.execute(
              () -> {
                pending.remove(future);
                if (failure == null) {
                  future.complete(answer);
                } else {
                  future.completeExceptionally(failure);
                }
              });
          return;
        }
      } catch (RejectedExecutionException e) {
        // dropped meanwhile: as below
      }
      future.completeExceptionally(new RpcUnavailableException("connection lost"));
    }
  }

  LoopbackRpc(String name, RpcService service) {
    this.name = name;
    this.service = service;
    this.connection = new Connection();
  }

  /** The serving side's view of the current connection. */
  RpcPeer currentPeer() {
    return connection;
  }

  @Override
  public String peer() {
    return name;
  }

  @Override
  public CompletableFuture<byte[]> call(String method, byte[] payload) {
    calls.incrementAndGet();
    CompletableFuture<byte[]> future = new CompletableFuture<>();
    Connection c = connection;
    if (c == null || !c.open) {
      future.completeExceptionally(new RpcUnavailableException("not connected"));
      return future;
    }
    c.pending.add(future);
    byte[] copy = payload.clone();
    workers.execute(
        () -> {
          try {
            c.respond(future, service.handle(c, method, copy), null);
          } catch (RpcRemoteException e) {
            c.respond(future, null, new RpcRemoteException(e.kind(), e.getMessage()));
          } catch (Exception e) {
            c.respond(future, null, new RpcRemoteException(RpcRemoteException.INTERNAL, "failed"));
          }
        });
    return future;
  }

  @Override
  public Subscription onPush(String stream, Consumer<byte[]> listener) {
    pushListeners.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> pushListeners.getOrDefault(stream, List.of()).remove(listener);
  }

  @Override
  public Subscription onDisconnect(Runnable action) {
    disconnectActions.add(action);
    return () -> disconnectActions.remove(action);
  }

  @Override
  public boolean isOpen() {
    Connection c = connection;
    return c != null && c.open;
  }

  /** Loses the connection and connects again at once. */
  void disconnect() {
    drop();
    connection = new Connection();
  }

  /** Loses the connection and stays down until {@link #up}. */
  void down() {
    drop();
    connection = null;
  }

  void up() {
    connection = new Connection();
  }

  private void drop() {
    Connection c = connection;
    if (c == null) {
      return;
    }
    c.open = false;
    for (CompletableFuture<byte[]> future : c.pending) {
      future.completeExceptionally(new RpcUnavailableException("connection lost"));
    }
    c.delivery.shutdown();
    for (Runnable action : disconnectActions) {
      action.run();
    }
    service.disconnected(c);
  }

  @Override
  public void close() {
    down();
    workers.shutdownNow();
  }
}
