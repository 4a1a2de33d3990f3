package dev.mailvault.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

  /** RFC 6238 Appendix B's SHA1 seed. */
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 Appendix B, SHA1 rows, last six of the eight digits. */
  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void matchesTheRfcTestVectors(long unixTime, String eightDigits) {
    assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(unixTime))))
        .isEqualTo(eightDigits.substring(2));
  }

  @Test
  void acceptsOneStepOfDriftAndNeverTheSameStepTwice() {
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    long step = Totp.step(now);
    String previous = Totp.code(RFC_SEED, step - 1);
    String current = Totp.code(RFC_SEED, step);
    String twoAgo = Totp.code(RFC_SEED, step - 2);
    assertThat(Totp.verify(RFC_SEED, previous, now, 0)).hasValue(step - 1);
    assertThat(Totp.verify(RFC_SEED, current, now, 0)).hasValue(step);
    assertThat(Totp.verify(RFC_SEED, current, now, step)).isEmpty();
    assertThat(Totp.verify(RFC_SEED, previous, now, step - 1)).isEmpty();
    if (!twoAgo.equals(previous)
        && !twoAgo.equals(current)
        && !twoAgo.equals(Totp.code(RFC_SEED, step + 1))) {
      assertThat(Totp.verify(RFC_SEED, twoAgo, now, 0)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "1234567", "abcdef", "12 34 5x"})
  void refusesMalformedCodes(String code) {
    assertThat(Totp.verify(RFC_SEED, code, Instant.ofEpochSecond(59), 0)).isEmpty();
  }

  @Test
  void base32IsRfc4648() {
    // RFC 4648 §10 test vectors, without padding.
    assertThat(Totp.base32("".getBytes(StandardCharsets.US_ASCII))).isEqualTo("");
    assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
    assertThat(Totp.base32("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YQ");
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
  }

  @Test
  void theUriCarriesIssuerAccountAndSecret() {
    assertThat(
            Totp.uri("Mailvault mx.example", "root", "foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(
            "otpauth://totp/Mailvault%20mx.example:root?secret=MZXW6YTBOI&issuer=Mailvault%20mx.example"
                + "&algorithm=SHA1&digits=6&period=30");
  }

  /** oathtool (Debian's oath-toolkit) is an independent implementation: same codes, seeded. */
  @Test
  void agreesWithOathtool() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/oathtool")), "oathtool is not installed");
    Random seeded = new Random(6238);
    for (int i = 0; i < 20; i++) {
      byte[] secret = new byte[Totp.SECRET_BYTES];
      seeded.nextBytes(secret);
      long unixTime = Math.floorMod(seeded.nextLong(), 4_000_000_000L);
      Process p =
          new ProcessBuilder(
                  "oathtool", "--totp", "--base32", "--now", "@" + unixTime, Totp.base32(secret))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out).isEqualTo(Totp.code(secret, Totp.step(Instant.ofEpochSecond(unixTime))));
    }
  }
}
