package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup copy holds only its own vault's writer turn: that vault's appends wait for the {@code
 * VACUUM INTO} and then succeed, another vault's appends go through while it runs. Observed from
 * inside the turn, so no timing is assumed.
 */
class BackupTurnTest {

  @TempDir Path dir;

  @Test
  void aCopyHoldsItsOwnVaultsWritersOnlyAndTheyAllSucceed() throws Exception {
    ExecutorService appender = Executors.newSingleThreadExecutor();
    try (VaultStore store = TestVaults.store(dir);
        Vault copied = store.create("copied", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
        Vault other = store.create("other", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      copied.append("INBOX", NewMessage.of(TestMessages.text("before@x")));
      // the full-text index follows in a write of its own (ADR 0220): done before the copy, so the
      // only queued write below is the append
      copied.indexTextNow();
      AtomicReference<Future<AppendResult>> waiting = new AtomicReference<>();
      List<AppendResult> otherDuringCopy = new ArrayList<>();
      List<Boolean> copiedAppendDoneDuringCopy = new ArrayList<>();

      copied.copyTo(
          dir.resolve("copy.sqlite"),
          () -> {
            waiting.set(
                appender.submit(
                    () -> copied.append("INBOX", NewMessage.of(TestMessages.text("during@x")))));
            await().until(() -> copied.queuedWrites() == 1);
            try {
              for (int i = 0; i < 5; i++) {
                otherDuringCopy.add(
                    other.append("INBOX", NewMessage.of(TestMessages.text("other" + i + "@x"))));
              }
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            copiedAppendDoneDuringCopy.add(waiting.get().isDone());
          });

      assertThat(otherDuringCopy).hasSize(5);
      assertThat(copiedAppendDoneDuringCopy).containsExactly(false);
      assertThat(waiting.get().get().uid()).isEqualTo(2);
      VaultFileCheck.Result check = copied.checkCopy(dir.resolve("copy.sqlite"));
      assertThat(check.schemaVersion()).isPositive();
    } finally {
      appender.shutdownNow();
    }
  }
}
