package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.directory.AliasExistsException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentUseTest {

  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @TempDir Path data;

  @Test
  void manyThreadsAddAndUnlockAliasesOnOneDirectory() throws Exception {
    int threads = 6;
    int perThread = 8;
    try (Directory directory = Fixtures.open(data, new CountingKdf())) {
      directory.addDomain(domain("example.com"));
      directory.addAlias(address("shared@example.com"), PASSWORD).close();
      AtomicInteger duplicates = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      directory.addAlias(address("user" + id + "-" + i + "@example.com")).close();
                      try (UnlockedAlias u = directory.unlock("shared@example.com", PASSWORD)) {
                        assertThat(u.dataKey().length()).isEqualTo(32);
                      }
                      // Every thread races to create the same alias; exactly one may win.
                      try {
                        directory.addAlias(address("race" + i + "@example.com")).close();
                      } catch (AliasExistsException expected) {
                        duplicates.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(duplicates.get()).isEqualTo((threads - 1) * perThread);
      assertThat(directory.listAliases()).hasSize(1 + threads * perThread + perThread);
    }
  }
}
