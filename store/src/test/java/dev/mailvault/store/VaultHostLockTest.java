package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One host's connections at a time (docs/adr/0283-failover-on-shared-storage.md): a primary opens a
 * vault only once no other process has it open, and the lock goes with a killed process.
 */
class VaultHostLockTest {

  @TempDir Path dir;

  @Test
  void aSecondPrimaryCannotOpenAVaultTheFirstHasOpenUntilItCloses() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore first = TestVaults.store(dir);
        VaultStore second = TestVaults.store(dir)) {
      first.setFences(new TestFences(5));
      second.setFences(new TestFences(7));
      try (Vault open = first.create("v", key, QuotaLedger.UNLIMITED)) {
        open.append("INBOX", NewMessage.of(TestMessages.text("first@x")));
        assertThatThrownBy(() -> second.open("v", key, QuotaLedger.UNLIMITED))
            .isInstanceOf(VaultNotOwnedException.class)
            .hasMessageContaining("still has the vault open");
        assertThat(second.isOpen("v")).isFalse();
      }
      try (Vault taken = second.open("v", key, QuotaLedger.UNLIMITED)) {
        assertThat(taken.messages("INBOX", UidSet.all())).hasSize(1);
      }
    }
  }

  @Test
  void theLockIsHeldAcrossProcessesAndGoesWithAKilledOne() throws Exception {
    byte[] key = TestVaults.randomKey();
    Path vaults = dir.resolve("vaults");
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v", key, QuotaLedger.UNLIMITED).close();
    }
    Process holder = startHolder(vaults, key);
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(holder::destroyForcibly, 60, TimeUnit.SECONDS);
    try (VaultStore store = TestVaults.store(dir)) {
      store.setFences(new TestFences(9));
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII))) {
        assertThat(out.readLine())
            .as("the holder opened the vault (stderr: %s)", stderr())
            .isEqualTo("open");
        assertThatThrownBy(() -> store.open("v", key, QuotaLedger.UNLIMITED))
            .isInstanceOf(VaultNotOwnedException.class);
        // SIGKILL: no close runs; the kernel drops the dead process's locks.
        holder.toHandle().destroyForcibly();
        holder.waitFor();
      }
      try (Vault taken = store.open("v", key, QuotaLedger.UNLIMITED)) {
        taken.append("INBOX", NewMessage.of(TestMessages.text("after@x")));
        assertThat(taken.messages("INBOX", UidSet.all())).hasSize(1);
      }
    } finally {
      watchdog.shutdownNow();
      holder.destroyForcibly();
    }
  }

  @Test
  void deletingTheVaultRemovesItsLockFile() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.setFences(new TestFences(3));
      store.create("v", key, QuotaLedger.UNLIMITED).close();
      Path lock = VaultHostLock.fileOf(store.fileOf("v"));
      assertThat(lock).exists();
      assertThat(store.delete("v")).isTrue();
      assertThat(lock).doesNotExist();
    }
  }

  @Test
  void aStoreWithoutFencesTakesNoLock() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v", key, QuotaLedger.UNLIMITED).close();
      assertThat(VaultHostLock.fileOf(store.fileOf("v"))).doesNotExist();
    }
  }

  private Process startHolder(Path vaults, byte[] key) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            HostLockHolder.class.getName(),
            vaults.toString(),
            "8");
    builder.redirectError(dir.resolve("holder.err").toFile());
    Process child = builder.start();
    OutputStream in = child.getOutputStream();
    in.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
    return child;
  }

  private String stderr() throws Exception {
    Path err = dir.resolve("holder.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }
}
