package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SealedDataTest {

  private static final byte[] BINDING = "queue:item:abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void opensWhatItSealedAndHidesThePlaintext() throws Exception {
    SecretBytes key = SecretBytes.random(32);
    byte[] plain = "Subject: secret marker".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = SealedData.seal(key, plain, BINDING);
    assertThat(sealed).hasSize(plain.length + SealedData.OVERHEAD);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("marker");
    assertThat(SealedData.open(key, sealed, BINDING)).isEqualTo(plain);
  }

  @Test
  void refusesAnotherBindingAnotherKeyOrAlteredBytes() {
    SecretBytes key = SecretBytes.random(32);
    byte[] sealed = SealedData.seal(key, new byte[] {1, 2, 3}, BINDING);
    assertThatThrownBy(() -> SealedData.open(key, sealed, "queue:item:abd".getBytes()))
        .isInstanceOf(UnwrapException.class);
    assertThatThrownBy(() -> SealedData.open(SecretBytes.random(32), sealed, BINDING))
        .isInstanceOf(UnwrapException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> SealedData.open(key, sealed, BINDING))
        .isInstanceOf(UnwrapException.class);
    assertThatThrownBy(() -> SealedData.open(key, new byte[5], BINDING))
        .isInstanceOf(UnwrapException.class);
  }
}
