package dev.mailvault.mailauth.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.spam.SpamLearning.Lesson;
import dev.mailvault.mailauth.testing.RspamdDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RspamdLearner}: lessons reach a real rspamd in the background, within bounds. */
class RspamdLearnerTest {

  @TempDir static Path dir;
  static RspamdDaemon rspamd;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        RspamdDaemon.available(),
        "rspamd or redis-server not installed (Debian packages rspamd, redis-server)");
    rspamd = RspamdDaemon.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rspamd != null) {
      rspamd.close();
    }
  }

  @Test
  void lessonsAreLearnedInTheBackgroundAndARepeatIsRefused() throws Exception {
    byte[] spam = RspamdClientTest.message("learner-spam", "", "Act now: your prize is waiting.");
    byte[] ham = RspamdClientTest.message("learner-ham", "", "Notes from the planning call.");
    try (RspamdLearner learner =
        new RspamdLearner(
            new RspamdClient(rspamd.endpoints(Duration.ofSeconds(20))), 10, 1 << 20)) {

      assertThat(learner.learn(Lesson.SPAM, "u-learner", spam)).isTrue();
      assertThat(learner.learn(Lesson.HAM, "u-learner", ham)).isTrue();
      assertThat(learner.learn(Lesson.SPAM, "u-learner", spam)).isTrue();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> learner.learned() + learner.refused() == 3);
      assertThat(learner.learned()).isEqualTo(2);
      assertThat(learner.refused()).isEqualTo(1);
      assertThat(learner.failed()).isZero();
      assertThat(rspamd.learns("u-learner", Lesson.SPAM)).isEqualTo(1);
      assertThat(rspamd.learns("u-learner", Lesson.HAM)).isEqualTo(1);
    }
  }

  @Test
  void aFullQueueDropsAndCounts() throws Exception {
    try (SilentPeer peer = new SilentPeer();
        RspamdLearner learner = new RspamdLearner(peer.client(Duration.ofSeconds(60)), 2, 1000)) {
      byte[] message = RspamdClientTest.message("full", "", "Hello.");

      // The sender takes the first lesson and waits on the peer, which never answers.
      assertThat(learner.learn(Lesson.SPAM, "u-full", message)).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> peer.accepted() == 1);
      assertThat(learner.learn(Lesson.SPAM, "u-full", message)).isTrue();
      assertThat(learner.learn(Lesson.HAM, "u-full", message)).isTrue();
      assertThat(learner.learn(Lesson.HAM, "u-full", message)).isFalse();

      assertThat(learner.dropped()).isEqualTo(1);
    }
  }

  @Test
  void theByteBoundDropsTooMuchAndAClosedLearnerTakesNothing() throws Exception {
    try (SilentPeer peer = new SilentPeer()) {
      RspamdLearner learner = new RspamdLearner(peer.client(Duration.ofSeconds(60)), 100, 100);

      assertThat(learner.learn(Lesson.SPAM, "u-bytes", new byte[101])).isFalse();
      assertThat(learner.dropped()).isEqualTo(1);

      learner.close();
      assertThat(learner.learn(Lesson.SPAM, "u-bytes", new byte[10])).isFalse();
      assertThat(learner.dropped()).isEqualTo(2);
    }
  }

  @Test
  void aPeerThatDoesNotAnswerCountsAFailure() throws Exception {
    try (SilentPeer peer = new SilentPeer();
        RspamdLearner learner =
            new RspamdLearner(peer.client(Duration.ofMillis(200)), 10, 1 << 20)) {

      assertThat(learner.learn(Lesson.HAM, "u-slow", RspamdClientTest.message("s", "", "Hi.")))
          .isTrue();

      await().atMost(Duration.ofSeconds(30)).until(() -> learner.failed() == 1);
      assertThat(learner.learned()).isZero();
    }
  }

  /** A peer that accepts connections and never answers: rspamd hung. */
  static final class SilentPeer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    SilentPeer() throws IOException {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket socket = server.accept();
                    synchronized (sockets) {
                      sockets.add(socket);
                    }
                    accepted.incrementAndGet();
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    RspamdClient client(Duration timeout) {
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort());
      return new RspamdClient(new RspamdEndpoints(uri, uri, Optional.empty(), timeout));
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
      server.close();
      synchronized (sockets) {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      acceptor.join();
    }
  }
}
