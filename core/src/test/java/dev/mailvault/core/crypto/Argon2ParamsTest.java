package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2ParamsTest {

  @Test
  void encodesAndParsesTheStorageForm() {
    Argon2Params params = new Argon2Params(19_456, 2, 1);
    assertThat(params.encoded()).isEqualTo("argon2id$v=19$m=19456,t=2,p=1");
    assertThat(Argon2Params.parse(params.encoded())).isEqualTo(params);
    assertThat(Argon2Params.parse(Argon2Params.DEFAULT.encoded())).isEqualTo(Argon2Params.DEFAULT);
  }

  @Test
  void defaultIsAtLeastOneOfOwaspsMinimumConfigurations() {
    // OWASP Password Storage Cheat Sheet: m=47104/t=1, 19456/2, 12288/3, 9216/4, 7168/5, p=1.
    int[][] minimums = {{47_104, 1}, {19_456, 2}, {12_288, 3}, {9_216, 4}, {7_168, 5}};
    Argon2Params d = Argon2Params.DEFAULT;
    boolean meets = false;
    for (int[] min : minimums) {
      meets |= d.memoryKiB() >= min[0] && d.iterations() >= min[1];
    }
    assertThat(meets).isTrue();
    // Lanes split the memory, never reduce it: two, the build machine's cores (ADR 0120).
    assertThat(d.parallelism()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "argon2i$v=19$m=19456,t=2,p=1",
        "argon2id$v=16$m=19456,t=2,p=1",
        "argon2id$v=19$m=19456,t=2",
        "argon2id$v=19$m=-1,t=2,p=1",
        "argon2id$v=19$m=4,t=1,p=1",
        "argon2id$v=19$m=19456,t=0,p=1",
        "argon2id$v=19$m=19456,t=2,p=1 "
      })
  void rejectsMalformedOrUnsafeStrings(String encoded) {
    assertThatThrownBy(() -> Argon2Params.parse(encoded))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void memoryMustCoverEightBlocksPerLane() {
    assertThatThrownBy(() -> new Argon2Params(31, 1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Argon2Params(32, 1, 4).memoryKiB()).isEqualTo(32);
  }
}
