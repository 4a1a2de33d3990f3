package dev.mailvault.store.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodedContentCacheTest {

  @Test
  void theLeastRecentlyUsedGoFirstOnceTheBudgetIsSpent() {
    DecodedContentCache cache = new DecodedContentCache(3_000);
    ContentCache vault = cache.forVault();
    vault.put(1, -1, new byte[1_000]);
    vault.put(2, -1, new byte[1_000]);
    vault.put(3, -1, new byte[1_000]);
    assertThat(vault.get(1, -1)).isNotNull(); // 1 is now the most recently used

    vault.put(4, -1, new byte[1_000]);

    assertThat(vault.get(2, -1)).as("least recently used").isNull();
    assertThat(vault.get(1, -1)).isNotNull();
    assertThat(vault.get(3, -1)).isNotNull();
    assertThat(vault.get(4, -1)).isNotNull();
    assertThat(cache.bytes()).isEqualTo(3_000);
  }

  @Test
  void aPieceLargerThanAnEntryMayBeIsNotKept() {
    DecodedContentCache cache = new DecodedContentCache(64L * 1024 * 1024);
    ContentCache vault = cache.forVault();
    vault.put(1, 0, new byte[DecodedContentCache.MAX_ENTRY + 1]);
    assertThat(vault.get(1, 0)).isNull();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void clearingOneVaultLeavesTheOthers() {
    DecodedContentCache cache = new DecodedContentCache(10_000);
    ContentCache one = cache.forVault();
    ContentCache two = cache.forVault();
    one.put(7, -1, new byte[100]);
    two.put(7, -1, new byte[200]);
    assertThat(one.get(7, -1)).hasSize(100);
    assertThat(two.get(7, -1)).hasSize(200);

    one.clear();

    assertThat(one.get(7, -1)).isNull();
    assertThat(two.get(7, -1)).hasSize(200);
    assertThat(cache.bytes()).isEqualTo(200);
  }

  @Test
  void aRetiredIdRaisesTheFloorForNewContent() {
    ContentCache vault = new DecodedContentCache(1_000).forVault();
    assertThat(vault.idFloor()).isEqualTo(1);
    vault.retire(41);
    vault.retire(12);
    assertThat(vault.idFloor()).isEqualTo(42);
  }
}
