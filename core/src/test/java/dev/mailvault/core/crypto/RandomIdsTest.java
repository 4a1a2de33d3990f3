package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

  @Test
  void vaultIdsAre128BitHexAndUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RandomIds.vaultId();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(RandomIds.isVaultId(id)).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void recognisesOnlyVaultIds() {
    assertThat(RandomIds.isVaultId("../../etc/passwd")).isFalse();
    assertThat(RandomIds.isVaultId("0123456789ABCDEF0123456789abcdef")).isFalse();
    assertThat(RandomIds.isVaultId(null)).isFalse();
  }
}
