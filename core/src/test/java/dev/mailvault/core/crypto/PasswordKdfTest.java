package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordKdfTest {

  /** Cheap parameters: these tests check behaviour, not cost. */
  private static final Argon2Params FAST = new Argon2Params(64, 1, 1);

  private static final byte[] SALT = filled(16, 0x02);
  private final PasswordKdf kdf = PasswordKdf.argon2id();

  @Test
  void matchesTheRfc9106Argon2idTestVector() {
    // RFC 9106 §5.3: m=32 KiB, t=3, p=4, password 32 x 0x01, salt 16 x 0x02, secret 8 x 0x03,
    // associated data 12 x 0x04, tag length 32.
    byte[] tag =
        Argon2idKdf.derive(
            filled(32, 0x01),
            filled(16, 0x02),
            new Argon2Params(32, 3, 4),
            filled(8, 0x03),
            filled(12, 0x04),
            32);
    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void isDeterministicForTheSameInputs() {
    SecretBytes a = kdf.derive("correct horse battery".toCharArray(), SALT, FAST);
    SecretBytes b = kdf.derive("correct horse battery".toCharArray(), SALT, FAST);
    assertThat(a.length()).isEqualTo(PasswordKdf.KEY_LENGTH);
    assertThat(a.contentEquals(b)).isTrue();
  }

  @Test
  void everyInputChangesTheKey() {
    char[] password = "correct horse battery".toCharArray();
    SecretBytes base = kdf.derive(password, SALT, FAST);
    assertThat(kdf.derive("correct horse batterz".toCharArray(), SALT, FAST).contentEquals(base))
        .isFalse();
    assertThat(kdf.derive(password, filled(16, 0x03), FAST).contentEquals(base)).isFalse();
    assertThat(kdf.derive(password, SALT, new Argon2Params(64, 2, 1)).contentEquals(base))
        .isFalse();
    assertThat(kdf.derive(password, SALT, new Argon2Params(72, 1, 1)).contentEquals(base))
        .isFalse();
  }

  @Test
  void charactersAreUtf8OfTheirNfcForm() {
    byte[] utf8 = "grüße an alle".getBytes(StandardCharsets.UTF_8);
    SecretBytes fromBytes = kdf.derive(utf8, SALT, FAST);
    SecretBytes composed = kdf.derive("grüße an alle".toCharArray(), SALT, FAST);
    SecretBytes decomposed = kdf.derive("gru\u0308ße an alle".toCharArray(), SALT, FAST);
    assertThat(composed.contentEquals(fromBytes)).isTrue();
    assertThat(decomposed.contentEquals(fromBytes)).isTrue();
  }

  @Test
  void rejectsSaltsShorterThanEightBytes() {
    assertThatThrownBy(() -> kdf.derive("password12345".toCharArray(), new byte[7], FAST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }
}
