package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.store.VaultFences;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A primary whose lease is not valid spools nothing (docs/adr/0281-fencing.md). */
class SpoolFenceTest {

  @TempDir Path dir;

  /** A lease switched by the test. */
  private static final class Lease implements VaultFences {
    volatile boolean valid = true;

    @Override
    public long openingEpoch(String vaultId) {
      return 1;
    }

    @Override
    public boolean leaseValid() {
      return valid;
    }
  }

  @Test
  void aPutWithoutAValidLeaseIsRefusedAndLeavesNoItem() throws Exception {
    Lease lease = new Lease();
    Instant arrival = Instant.parse("2026-03-14T09:00:00Z");
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.setFences(lease);
      String kept = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, arrival));
      lease.valid = false;
      assertThatThrownBy(
              () -> f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, arrival)))
          .isInstanceOf(SpoolFencedException.class)
          .hasMessageContaining("lease has lapsed");
      assertThat(f.spool.list(f.vaultId)).containsExactly(kept);
      lease.valid = true;
      String later = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(3, arrival));
      assertThat(f.spool.list(f.vaultId)).containsExactly(kept, later);
      DrainResult drained = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(drained.count()).isEqualTo(2);
    }
  }
}
