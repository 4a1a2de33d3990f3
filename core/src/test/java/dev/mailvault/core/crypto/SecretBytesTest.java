package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  private static final byte[] CONTENT = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};

  @Test
  void copiesInAndOut() {
    byte[] source = CONTENT.clone();
    SecretBytes secret = SecretBytes.copyOf(source);
    Arrays.fill(source, (byte) 0);

    byte[] out = secret.bytes();
    assertThat(out).isEqualTo(CONTENT);
    out[0] = 0;
    assertThat(secret.bytes()).isEqualTo(CONTENT);
    assertThat(secret.length()).isEqualTo(CONTENT.length);
  }

  @Test
  void lendsTheBytesToAScopedFunction() {
    SecretBytes secret = SecretBytes.copyOf(CONTENT);
    int sum = secret.apply(b -> b[0] + b[1]);
    assertThat(sum).isEqualTo(0x33);
  }

  @Test
  void destroyZeroesAndStopsHandingOut() {
    byte[] inner = CONTENT.clone();
    SecretBytes secret = SecretBytes.adopt(inner);
    secret.destroy();

    assertThat(inner).containsOnly(0);
    assertThat(secret.isDestroyed()).isTrue();
    assertThatThrownBy(secret::bytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> secret.apply(b -> b)).isInstanceOf(IllegalStateException.class);
    assertThat(secret).hasToString("SecretBytes[destroyed]");
  }

  @Test
  void closeDestroys() {
    SecretBytes secret = SecretBytes.copyOf(CONTENT);
    try (secret) {
      assertThat(secret.isDestroyed()).isFalse();
    }
    assertThat(secret.isDestroyed()).isTrue();
  }

  @Test
  void toStringShowsOnlyTheLength() {
    SecretBytes secret = SecretBytes.copyOf(CONTENT);
    String shown = secret.toString();
    assertThat(shown).isEqualTo("SecretBytes[8 bytes]");
    assertThat(shown.toLowerCase()).doesNotContain(HexFormat.of().formatHex(CONTENT));
    assertThat(shown).doesNotContain(Arrays.toString(CONTENT));
  }

  @Test
  void comparesContent() {
    assertThat(SecretBytes.copyOf(CONTENT).contentEquals(SecretBytes.copyOf(CONTENT))).isTrue();
    byte[] other = CONTENT.clone();
    other[7] ^= 1;
    assertThat(SecretBytes.copyOf(CONTENT).contentEquals(SecretBytes.copyOf(other))).isFalse();
  }

  @Test
  void randomSecretsDiffer() {
    SecretBytes a = SecretBytes.random(32);
    SecretBytes b = SecretBytes.random(32);
    assertThat(a.length()).isEqualTo(32);
    assertThat(a.contentEquals(b)).isFalse();
  }
}
