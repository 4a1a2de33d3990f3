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
    assertThat(sealed).hasSize(1 + 32 + 1088 + 16 + MESSAGE.length + 16);
    assertThat(sealed[0]).isEqualTo((byte) 2);
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
    // version, X25519 share, ML-KEM ciphertext (start, middle, end), salt, body, tag
    int[] positions = {0, 1, 20, 33, 600, 1120, 1121, 1136, 1137, 1150, sealed.length - 1};
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
    for (int length : new int[] {0, 1, 1121, 1137, 1152, sealed.length - 1}) {
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

  @Test
  void oneEncapsulationSealsManyItemsEachUnderItsOwnKey() throws Exception {
    try (SpoolSealer.Encapsulation encapsulation = SpoolSealer.encapsulate(keys.publicKey())) {
      assertThat(encapsulation.isFor(keys.publicKey())).isTrue();
      assertThat(encapsulation.isFor(SpoolKeyPair.generate().publicKey())).isFalse();
      byte[] first = encapsulation.seal(MESSAGE, AAD);
      byte[] second = encapsulation.seal(MESSAGE, AAD);

      // The same KEM ciphertexts, but salts and therefore keys, nonces and bodies all differ.
      int header = 1 + 32 + 1088;
      assertThat(Arrays.copyOf(first, header)).isEqualTo(Arrays.copyOf(second, header));
      assertThat(Arrays.copyOfRange(first, header, header + 16))
          .isNotEqualTo(Arrays.copyOfRange(second, header, header + 16));
      assertThat(Arrays.copyOfRange(first, header + 16, first.length))
          .isNotEqualTo(Arrays.copyOfRange(second, header + 16, second.length));
      assertThat(SpoolSealer.open(keys.privateKey(), first, AAD)).isEqualTo(MESSAGE);
      assertThat(SpoolSealer.open(keys.privateKey(), second, AAD)).isEqualTo(MESSAGE);
    }
  }

  @Test
  void aClosedEncapsulationSealsNothing() {
    SpoolSealer.Encapsulation encapsulation = SpoolSealer.encapsulate(keys.publicKey());
    encapsulation.close();
    assertThatThrownBy(() -> encapsulation.seal(MESSAGE, AAD))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anItemSealedInTheFirstFormatStillOpens() throws Exception {
    // Made with the version-1 sealer (ADR 0021) before ADR 0152: a key pair's private half and
    // one sealing to it, associated data "item v1".
    byte[] privateKey = HexFormat.of().parseHex(V1_PRIVATE_KEY);
    byte[] sealed = HexFormat.of().parseHex(V1_SEALED);
    assertThat(sealed[0]).isEqualTo((byte) 1);
    try (SecretBytes key = SecretBytes.copyOf(privateKey)) {
      assertThat(SpoolSealer.open(key, sealed, "item v1".getBytes(StandardCharsets.US_ASCII)))
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo("Subject: v1\r\n\r\nsealed before ADR 0152\r\n");
      byte[] tampered = sealed.clone();
      tampered[sealed.length - 20] ^= 1;
      assertThatThrownBy(
              () -> SpoolSealer.open(key, tampered, "item v1".getBytes(StandardCharsets.US_ASCII)))
          .isInstanceOf(UnwrapException.class);
    }
  }

  private static final String V1_PRIVATE_KEY =
      "019058156a1aafc0ff6429f40511aacff634d4bead280ae45b9c7e98b05ce66a5fa1e542a182eb97d6febad1"
          + "0378b7adda58be3a1192e04be3652655b31d4fdd81c53bd8f6255d5b28b7e3219b0427db14f3594fda47db26"
          + "0c08147f0d96bfcec3";

  private static final String V1_SEALED =
      "01c52049bead5c61f51bc9289f24e2df68e6f67072ec0df41aef57e8a09644911fe0bdbe301f91c9f4b866c9"
          + "0f8b276a23c5e28201dcd682e75d588fd00dd10ec872bc37e15b2084b6310bd74acccc4bc95b57a2ef73f3b6"
          + "bdb772898385210d37bd0ea7b4edb2784c5322d163e4bb72edce7be7b8ea5e3030bc3db5165d3768fba6975e"
          + "4d81a7a0de3c7fea7c20086f2f5d0bcc63688789edab6cac098db286bb4fa65ccaccc6005fc7de8090d79663"
          + "3e557be7f05789a52b52576e9c1dc8d2d4bd7ed25daec239f072f290931e17e90659f42c0686f74f1d6242e3"
          + "9e4e4daa238a0be713c0cab26428ffe27ed6de0b61b4bdb6f7d3e2da60a8096876efe0d7e4018d305964b36a"
          + "26a641e31be9b097cdd0bb78cb43764b0e666f90dfff3f4b07f9ef87f8c193ea1e95a436f2a4b327192358e1"
          + "1297be7c1e93f9821c2899f83e0f8b4039af6d1b8028f242206367ea2a376d459c585111e194e4ccf59f39ef"
          + "7f1b226e1235c8d0c12cfb74e0c7c0e8e4608064e2d6a9f4463dc24d25d6d4e4a169643156c79d31e80b105e"
          + "9c08da48e4fa9839575e8dffbd0388d4eae8f39ac71168d4f29330562907e8d148ae5635a3c17f7e6c311617"
          + "3d32e237628464250f3768acf542b22a3a05da1770305700a9b9ee1263370e3e6c381e79c4dda819010fdd5e"
          + "6c30e8b5b61a2c356e2fa229ed8d13df8f0abc4abf24bcea09e2f8dd63218fb6a0448718cd0eebd7f83bed51"
          + "09dbed84c238852c0f1adaa9e7d1130041a22fd1c3231ad8268afc76ab8c4ce31b6aa95dbd9808bb6bb4895a"
          + "df3300775d52ab0525c17122fcf3f29e1bddbbd16cb3506ba9cab1cb4da0c9a61291118b7f070253621ae682"
          + "0d3bcf66733dc2ed72820cd21c739c397bc1ebec6b7af029c9675fc972283964b0e490ca04c5dea28b97dfc1"
          + "0abc587396f8cd64414fa758db634739037812a992b1f27130e4f254890e54cf0cb59fefca18ba7e80e1e988"
          + "e18a8b5d1d38cb742ddab52fd6f30fc7b983437d5b7cf03a9633e6dc1aa7dd5d4bd2f43a2b4018c908f14a88"
          + "a895ccbf7b070b9f0ebb0f30e39901a256ff45dacd2b989fc246d727b1fde379b9c73266fe98c7d6e3b3b578"
          + "236977cf1c81cc5487bbe45980b6711535a64db239b426949557a089eefecbb470f616670f0348e638a7bd7a"
          + "9cf5b16e76d914340017ee841b9068811ba8ec441b61bd3d95cd881de078213bcb2da435a27e889b9670a05b"
          + "016dfc8576c5756726d82f169cc369fdcadc16fc84e9aa1793f447f2240959e8f986597c703ad0546a1b1a23"
          + "22a31a21a46a8e06ed32beb2a0a339c39cbb1df512c39f0f2abe7ba2e24661be251182063a60381f16c36f42"
          + "5304ae0ec63bd726e7575ca218a87b3556cf83f92b9b33ffc86e9de3014800ab745abbc6c4f9a1bcb08f37dd"
          + "03a9881e78f837d9bb33ba0c84bfb9c1fb1f9f4f2411ca6b987d1e63f1d76fa4c4b86a9d0a5ee1cf265deae4"
          + "30e79c9fa1900560244a7bebf4810e57360a7516a702e6282dc08423b5a8fa74c1bc3d457d440c7f34c0e06b"
          + "4e583da6e7e5049cf8c90051b7780cf8494063055d41603b81f1b70bdb7dc5d62f7fb8787d0b740bc5ca9b73"
          + "8e7c1ac37b5d3f4f004d4d45d136f7a50826d663a38f309e2bec6709373012f1";
}
