package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyWrapTest {

  private static final String VAULT = "0123456789abcdef0123456789abcdef";
  private final SecretBytes kek = SecretBytes.random(32);
  private final SecretBytes dataKey = SecretBytes.random(32);
  private final byte[] aad = WrapPurpose.DATA_KEY.associatedData(VAULT);

  @Test
  void roundTrips() throws Exception {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    assertThat(wrapped).hasSize(1 + 12 + 32 + 16);
    try (SecretBytes unwrapped = KeyWrap.unwrap(kek, wrapped, aad)) {
      assertThat(unwrapped.contentEquals(dataKey)).isTrue();
    }
  }

  @Test
  void eachWrapUsesAFreshNonce() {
    assertThat(KeyWrap.wrap(kek, dataKey, aad)).isNotEqualTo(KeyWrap.wrap(kek, dataKey, aad));
  }

  @Test
  void theWrappedFormDoesNotContainTheKey() {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    byte[] key = dataKey.bytes();
    assertThat(indexOf(wrapped, Arrays.copyOf(key, 8))).isEqualTo(-1);
  }

  @Test
  void wrongKeyFailsCleanly() {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    assertThatThrownBy(() -> KeyWrap.unwrap(SecretBytes.random(32), wrapped, aad))
        .isInstanceOf(UnwrapException.class)
        .hasMessage("wrong key, or the encrypted data was altered");
  }

  @Test
  void aWrapIsBoundToItsPurposeAndOwner() {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    assertThatThrownBy(
            () -> KeyWrap.unwrap(kek, wrapped, WrapPurpose.DATA_KEY.associatedData("other")))
        .isInstanceOf(UnwrapException.class);
    assertThatThrownBy(
            () -> KeyWrap.unwrap(kek, wrapped, WrapPurpose.SPOOL_PRIVATE_KEY.associatedData(VAULT)))
        .isInstanceOf(UnwrapException.class);
  }

  @Test
  void everyAlteredByteFailsCleanly() {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    for (int i = 0; i < wrapped.length; i++) {
      byte[] tampered = wrapped.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> KeyWrap.unwrap(kek, tampered, aad))
          .as("byte %d altered", i)
          .isInstanceOf(UnwrapException.class);
    }
  }

  @Test
  void truncatedInputFailsCleanly() {
    byte[] wrapped = KeyWrap.wrap(kek, dataKey, aad);
    for (int length : new int[] {0, 1, 13, 28, wrapped.length - 1}) {
      byte[] cut = Arrays.copyOf(wrapped, length);
      assertThatThrownBy(() -> KeyWrap.unwrap(kek, cut, aad)).isInstanceOf(UnwrapException.class);
    }
  }

  @Test
  void wrapsUnderAPasswordDerivedKey() throws Exception {
    Argon2Params fast = new Argon2Params(64, 1, 1);
    byte[] salt = RandomIds.bytes(PasswordKdf.SALT_LENGTH);
    byte[] wrapped;
    try (SecretBytes k =
        PasswordKdf.argon2id().derive("right password".toCharArray(), salt, fast)) {
      wrapped = KeyWrap.wrap(k, dataKey, aad);
    }
    try (SecretBytes k =
        PasswordKdf.argon2id().derive("right password".toCharArray(), salt, fast)) {
      assertThat(KeyWrap.unwrap(k, wrapped, aad).contentEquals(dataKey)).isTrue();
    }
    SecretBytes wrong = PasswordKdf.argon2id().derive("wrong password".toCharArray(), salt, fast);
    assertThatThrownBy(() -> KeyWrap.unwrap(wrong, wrapped, aad))
        .isInstanceOf(UnwrapException.class);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
