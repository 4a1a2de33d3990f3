package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SpoolSealerTest {

  private static final byte[] MESSAGE =
      "Subject: secret plans\r\n\r\nMeet at the usual place.\r\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "spool item 42".getBytes(StandardCharsets.UTF_8);

  private final SpoolKeyPair keys = SpoolKeyPair.generate();

  @Test
  void roundTrips() throws Exception {
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    assertThat(sealed).hasSize(1 + 32 + 1088 + MESSAGE.length + 16);
    assertThat(KeyWrapTest.indexOf(sealed, "secret plans".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(-1);
    assertThat(SpoolSealer.open(keys.privateKey(), sealed, AAD)).isEqualTo(MESSAGE);
  }

  @Test
  void roundTripsEmptyAndLargeContent() throws Exception {
    byte[] large = RandomIds.bytes(3 * 1024 * 1024 + 7);
    assertThat(
            SpoolSealer.open(
                keys.privateKey(), SpoolSealer.seal(keys.publicKey(), large, AAD), AAD))
        .isEqualTo(large);
    assertThat(
            SpoolSealer.open(
                keys.privateKey(), SpoolSealer.seal(keys.publicKey(), new byte[0], AAD), AAD))
        .isEmpty();
  }

  @Test
  void everySealingIsFresh() {
    assertThat(SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD))
        .isNotEqualTo(SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD));
  }

  @Test
  void anotherPrivateKeyCannotOpen() {
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    try (SpoolKeyPair other = SpoolKeyPair.generate()) {
      assertThatThrownBy(() -> SpoolSealer.open(other.privateKey(), sealed, AAD))
          .isInstanceOf(UnwrapException.class);
    }
  }

  @Test
  void otherAssociatedDataCannotOpen() {
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    assertThatThrownBy(() -> SpoolSealer.open(keys.privateKey(), sealed, "item 43".getBytes()))
        .isInstanceOf(UnwrapException.class);
  }

  @Test
  void alteringAnyPartFailsCleanly() {
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    // version, X25519 share, ML-KEM ciphertext (start, middle, end), body, tag
    int[] positions = {0, 1, 20, 33, 600, 1120, 1121, 1130, sealed.length - 1};
    for (int position : positions) {
      byte[] tampered = sealed.clone();
      tampered[position] ^= 0x40;
      assertThatThrownBy(() -> SpoolSealer.open(keys.privateKey(), tampered, AAD))
          .as("byte %d altered", position)
          .isInstanceOf(UnwrapException.class);
    }
  }

  @Test
  void truncatedInputFailsCleanly() {
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    for (int length : new int[] {0, 1, 1121, 1136, sealed.length - 1}) {
      byte[] cut = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> SpoolSealer.open(keys.privateKey(), cut, AAD))
          .isInstanceOf(UnwrapException.class);
    }
  }

  @Test
  void rejectsAMalformedPublicKey() {
    byte[] shortKey = Arrays.copyOf(keys.publicKey(), 100);
    assertThatThrownBy(() -> SpoolSealer.seal(shortKey, MESSAGE, AAD))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] lowOrder = keys.publicKey();
    Arrays.fill(lowOrder, 1, 33, (byte) 0);
    assertThatThrownBy(() -> SpoolSealer.seal(lowOrder, MESSAGE, AAD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePrivateKeyTravelsWrappedUnderTheDataKey() throws Exception {
    SecretBytes dataKey = SecretBytes.random(32);
    byte[] aad = WrapPurpose.SPOOL_PRIVATE_KEY.associatedData("vault-1");
    byte[] wrapped = KeyWrap.wrap(dataKey, keys.privateKey(), aad);
    byte[] sealed = SpoolSealer.seal(keys.publicKey(), MESSAGE, AAD);
    try (SecretBytes restored = KeyWrap.unwrap(dataKey, wrapped, aad)) {
      assertThat(SpoolSealer.open(restored, sealed, AAD)).isEqualTo(MESSAGE);
    }
  }

  @Test
  void keysHaveTheDocumentedSizesAndNeverShowInToString() {
    assertThat(keys.publicKey()).hasSize(1 + 32 + 1184);
    assertThat(keys.privateKey().length()).isEqualTo(1 + 32 + 64);
    String shown = keys.toString();
    String privateHex = HexFormat.of().formatHex(keys.privateKey().bytes());
    assertThat(shown).doesNotContain(privateHex.substring(2, 20));
    assertThat(shown).doesNotContain(HexFormat.of().formatHex(keys.publicKey()).substring(2, 20));
    keys.close();
    assertThat(keys.privateKey().isDestroyed()).isTrue();
  }
}
