package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void matchesTheReferenceImplementation() {
    // Tags printed by the reference implementation (Debian's argon2 1.3 CLI, `-id -r`) for the
    // password "correct horse" and the salt "somesaltsalt": the default cost, and two lanes.
    byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
    byte[] salt = "somesaltsalt".getBytes(StandardCharsets.UTF_8);
    assertThat(hex(kdf.derive(password, salt, new Argon2Params(12_288, 3, 1))))
        .isEqualTo("7d95ab1b568c7729e703ec4f0f78759f56e7e44712a993664c6ba1ea61370b7f");
    assertThat(hex(kdf.derive(password, salt, new Argon2Params(1_024, 2, 2))))
        .isEqualTo("84285bf11a972de697c12c7b64ff11c364e53f3d75a7a71a43ff0be8a2d7c88e");
  }

  /** Logins derive through password4j; the RFC-checked generator must agree on every input. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void loginDerivationEqualsTheRfcCheckedGenerator(long seed) {
    Random random = new Random(seed);
    byte[] password = new byte[random.nextInt(64)];
    random.nextBytes(password);
    byte[] salt = new byte[8 + random.nextInt(25)];
    random.nextBytes(salt);
    int lanes = 1 + random.nextInt(4);
    Argon2Params params =
        new Argon2Params(8 * lanes + random.nextInt(300), 1 + random.nextInt(3), lanes);

    byte[] expected = Argon2idKdf.derive(password, salt, params, null, null, 32);

    assertThat(hex(kdf.derive(password, salt, params)))
        .isEqualTo(HexFormat.of().formatHex(expected));
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

  private static String hex(SecretBytes key) {
    return HexFormat.of().formatHex(key.bytes());
  }

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }
}
