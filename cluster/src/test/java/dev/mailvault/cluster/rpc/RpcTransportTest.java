package dev.mailvault.cluster.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end's {@link RpcClients} against a primary's {@link RpcServer} on 127.0.0.1, with
 * certificates from a real {@code ClusterCa}: what a caller of {@link RpcChannel} is promised.
 */
class RpcTransportTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;

  private EventLoopGroup loops;
  private ExecutorService workers;
  private TestService service;
  private ClusterTls primary;
  private ClusterTls frontend;
  private RpcServer server;
  private RpcClients clients;

  @BeforeEach
  void setUp() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    workers = Executors.newFixedThreadPool(4);
    service = new TestService();
    TestCluster cluster = new TestCluster(dir);
    primary = cluster.node("primary-1");
    frontend = cluster.node("frontend-1");
  }

  @AfterEach
  void tearDown() {
    service.release();
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.close();
    }
    workers.shutdownNow();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private RpcChannel connect(Duration deadline) throws Exception {
    if (server == null) {
      server = RpcServer.start(loops, "127.0.0.1", 0, primary, service, workers);
    }
    clients = new RpcClients(loops, frontend, deadline);
    RpcChannel channel = clients.channel("127.0.0.1:" + server.port());
    await().atMost(Duration.ofSeconds(30)).until(channel::isOpen);
    return channel;
  }

  private static byte[] get(CompletableFuture<byte[]> call) throws Exception {
    return call.get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<byte[]> call) {
    try {
      call.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the call did not fail", e);
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void roundTripNamesBothNodesByTheirCertificates() throws Exception {
    RpcChannel channel = connect(DEADLINE);

    assertThat(channel.peer()).isEqualTo("primary-1");
    assertThat(get(channel.call("echo", "hello".getBytes(UTF_8))))
        .asString(UTF_8)
        .isEqualTo("hello");
    assertThat(get(channel.call("whoami", new byte[0]))).asString(UTF_8).isEqualTo("frontend-1");
    assertThat(get(channel.call("echo", new byte[0]))).isEmpty();
  }

  /**
   * The first call to a peer starts its connection: it waits for it (within its deadline) instead
   * of failing, as every front-end's first command to a primary would otherwise.
   */
  @Test
  void aCallMadeWhileTheConnectionIsBeingMadeIsCarriedOnceItIsUp() throws Exception {
    server = RpcServer.start(loops, "127.0.0.1", 0, primary, service, workers);
    clients = new RpcClients(loops, frontend, DEADLINE);
    RpcChannel channel = clients.channel("127.0.0.1:" + server.port());

    CompletableFuture<byte[]> first = channel.call("echo", "first".getBytes(UTF_8));

    assertThat(get(first)).asString(UTF_8).isEqualTo("first");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aRefusalCrossesWithItsKindAndAnythingElseAsInternalWithoutItsMessage() throws Exception {
    RpcChannel channel = connect(DEADLINE);

    Throwable refused = failure(channel.call("refuse", new byte[0]));
    assertThat(refused).isInstanceOf(RpcRemoteException.class).hasMessage("no such folder");
    assertThat(((RpcRemoteException) refused).kind()).isEqualTo("not-found");

    Throwable crashed = failure(channel.call("crash", new byte[0]));
    assertThat(crashed).isInstanceOf(RpcRemoteException.class);
    assertThat(((RpcRemoteException) crashed).kind()).isEqualTo(RpcRemoteException.INTERNAL);
    assertThat(crashed.getMessage()).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aThousandConcurrentCallsShareOneConnectionAndAnswerOutOfOrder() throws Exception {
    RpcChannel channel = connect(DEADLINE);

    CompletableFuture<byte[]> held = channel.call("hold", "first".getBytes(UTF_8));
    service.held.await(30, TimeUnit.SECONDS);
    List<CompletableFuture<byte[]>> calls = new ArrayList<>();
    for (int i = 0; i < 999; i++) {
      calls.add(channel.call("echo", ("call-" + i).getBytes(UTF_8)));
    }
    for (int i = 0; i < calls.size(); i++) {
      assertThat(get(calls.get(i))).asString(UTF_8).isEqualTo("call-" + i);
    }
    // The first call is still unanswered while the 999 sent after it have their answers.
    assertThat(held).isNotDone();
    service.release();
    assertThat(get(held)).asString(UTF_8).isEqualTo("first");
    assertThat(service.peers).hasSize(1);
    assertThat(((RpcClientChannel) channel).inFlight()).isZero();
  }

  @Test
  void aPushQueuedBeforeAResponseIsHeardFirst() throws Exception {
    RpcChannel channel = connect(DEADLINE);
    Set<String> heard = Collections.synchronizedSet(new HashSet<>());
    channel.onPush("events", payload -> heard.add(new String(payload, UTF_8)));

    List<CompletableFuture<Boolean>> checks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      checks.add(
          channel
              .call("notify", ("event-" + i).getBytes(UTF_8))
              .thenApply(answer -> heard.contains(new String(answer, UTF_8))));
    }
    for (CompletableFuture<Boolean> check : checks) {
      assertThat(check.get(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(heard).hasSize(200);
  }

  @Test
  void aClosedServerFailsCallsInFlightAndNewOnesAtOnce() throws Exception {
    RpcChannel channel = connect(DEADLINE);
    AtomicInteger lost = new AtomicInteger();
    channel.onDisconnect(lost::incrementAndGet);
    CompletableFuture<byte[]> inFlight = channel.call("hold", new byte[0]);
    service.held.await(30, TimeUnit.SECONDS);

    server.close();

    assertThat(failure(inFlight)).isInstanceOf(RpcUnavailableException.class);
    await().until(() -> !channel.isOpen());
    // A call made while a reconnection attempt is under way waits for that attempt (bounded by the
    // deadline); once it has failed and the channel backs off, a call fails before it returns.
    AtomicReference<CompletableFuture<byte[]>> next = new AtomicReference<>();
    await()
        .until(
            () -> {
              next.set(channel.call("echo", new byte[0]));
              return next.get().isCompletedExceptionally();
            });
    assertThat(failure(next.get())).isInstanceOf(RpcUnavailableException.class);
    await().until(() -> lost.get() == 1);
    // The service hears of the departure once the request still running has returned.
    assertThat(service.disconnected).isEmpty();
    service.release();
    await().until(() -> service.disconnected.equals(List.of("frontend-1")));
  }

  @Test
  void theSameChannelWorksAgainOnceTheServerIsBackOnItsPort() throws Exception {
    RpcChannel channel = connect(DEADLINE);
    int port = server.port();
    server.close();
    await().until(() -> !channel.isOpen());

    server = RpcServer.start(loops, "127.0.0.1", port, primary, service, workers);

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(get(channel.call("echo", "again".getBytes(UTF_8))))
                    .asString(UTF_8)
                    .isEqualTo("again"));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aCallPastItsDeadlineFailsAndItsLateAnswerIsDropped() throws Exception {
    RpcChannel channel = connect(Duration.ofMillis(300));

    Throwable late = failure(channel.call("hold", "slow".getBytes(UTF_8)));

    assertThat(late).isInstanceOf(RpcUnavailableException.class).hasMessageContaining("within");
    assertThat(((RpcClientChannel) channel).inFlight()).isZero();
    service.release();
    await().until(() -> service.methods.size() == 1);
    assertThat(get(channel.call("echo", "next".getBytes(UTF_8)))).asString(UTF_8).isEqualTo("next");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aFullExecutorAnswersBusyWithoutBlockingTheConnection() throws Exception {
    workers.shutdownNow();
    workers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
    RpcChannel channel = connect(DEADLINE);
    CompletableFuture<byte[]> holding = channel.call("hold", new byte[0]);
    service.held.await(30, TimeUnit.SECONDS);

    Throwable busy = failure(channel.call("echo", new byte[0]));

    assertThat(busy).isInstanceOf(RpcRemoteException.class);
    assertThat(((RpcRemoteException) busy).kind()).isEqualTo("busy");
    service.release();
    assertThat(get(holding)).isEmpty();
  }

  @Test
  void anOversizedFrameClosesTheConnectionCleanlyAndTheNextOneWorks() throws Exception {
    int limit = 64 * 1024;
    server = RpcServer.start(loops, "127.0.0.1", 0, primary, service, workers, limit);
    RpcChannel channel = connect(DEADLINE);

    Throwable refused = failure(channel.call("echo", new byte[limit + 1]));

    assertThat(refused).isInstanceOf(RpcUnavailableException.class);
    assertThat(service.methods).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(get(channel.call("echo", new byte[10]))).hasSize(10));
  }

  @Test
  void aPeerThatStopsAnsweringIsDroppedBeforeTheDeadline() throws Exception {
    // The server on its own single event loop, which the test then blocks: a stopped process.
    EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    CountDownLatch resume = new CountDownLatch(1);
    try {
      server = RpcServer.start(serverLoop, "127.0.0.1", 0, primary, service, workers);
      clients =
          new RpcClients(
              loops,
              frontend,
              Duration.ofMinutes(5),
              RpcCodec.MAX_FRAME_BYTES,
              Duration.ofMillis(200));
      RpcChannel channel = clients.channel("127.0.0.1:" + server.port());
      await().atMost(Duration.ofSeconds(30)).until(channel::isOpen);
      assertThat(get(channel.call("echo", new byte[1]))).hasSize(1);
      serverLoop.execute(
          () -> {
            try {
              resume.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });

      Throwable lost = failure(channel.call("echo", new byte[1]));

      assertThat(lost).isInstanceOf(RpcUnavailableException.class).hasMessageContaining("lost");
      assertThat(channel.isOpen()).isFalse();
    } finally {
      resume.countDown();
      server.close();
      server = null;
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void theClientRefusesAPayloadLargerThanAFrameWithoutSendingIt() throws Exception {
    server = RpcServer.start(loops, "127.0.0.1", 0, primary, service, workers);
    clients = new RpcClients(loops, frontend, DEADLINE, 64 * 1024, Duration.ofSeconds(5));
    RpcChannel channel = clients.channel("127.0.0.1:" + server.port());
    await().atMost(Duration.ofSeconds(30)).until(channel::isOpen);

    CompletableFuture<byte[]> call = channel.call("echo", new byte[64 * 1024]);
    assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(channel.isOpen()).isTrue();
    assertThat(service.methods).isEmpty();
  }
}
