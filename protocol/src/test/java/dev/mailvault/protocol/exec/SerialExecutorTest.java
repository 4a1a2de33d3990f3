package dev.mailvault.protocol.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ADR 0186: the second half of a suspended command runs before what was queued behind it. */
class SerialExecutorTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    elsewhere.shutdownNow();
  }

  @Test
  void resumeWithRunsItsTaskAheadOfTheQueuedOnes() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch queued = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    serial.execute(
        () -> {
          ran.add("login");
          serial.suspend();
          elsewhere.execute(
              () -> {
                await(queued);
                serial.resumeWith(() -> ran.add("login answered"));
              });
        });
    serial.execute(() -> ran.add("select"));
    serial.execute(done::countDown);
    queued.countDown();

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("login", "login answered", "select");
  }

  @Test
  void resumeWithWhileTheSuspendingTaskIsStillRunningKeepsTheOrder() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    serial.execute(
        () -> {
          serial.suspend();
          serial.execute(() -> ran.add("pipelined"));
          // Queued here, not by the test's thread, so it is surely behind "pipelined".
          serial.execute(done::countDown);
          // The other half finished before this task returned.
          serial.resumeWith(() -> ran.add("second half"));
          ran.add("first half");
        });

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("first half", "second half", "pipelined");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
