package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plaintext format inside a sealed spool file (ADR 0036). */
class SpoolItemCodecTest {

  private final SpoolItem item =
      new SpoolItem(
          new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n'},
          Instant.parse("1999-12-31T23:59:59.123456789Z"),
          "a@example.org",
          List.of("b@example.com", "ü@exämple.de"));

  @Test
  void encodesAndDecodesEveryField() throws Exception {
    SpoolItem decoded = SpoolItemCodec.decode(SpoolItemCodec.encode(item));

    assertThat(decoded.raw()).isEqualTo(item.raw());
    assertThat(decoded.arrival()).isEqualTo(item.arrival());
    assertThat(decoded.mailFrom()).isEqualTo(item.mailFrom());
    assertThat(decoded.rcptTo()).isEqualTo(item.rcptTo());
  }

  @Test
  void startsWithTheVersionByte() {
    assertThat(SpoolItemCodec.encode(item)[0]).isEqualTo((byte) 1);
  }

  @Test
  void refusesAnUnknownVersion() {
    byte[] encoded = SpoolItemCodec.encode(item);
    encoded[0] = 4;
    assertThatThrownBy(() -> SpoolItemCodec.decode(encoded))
        .isInstanceOf(SpoolItemUnreadableException.class)
        .hasMessage("unknown spool item format 4");
  }

  @Test
  void refusesEveryTruncationAndTrailingBytes() {
    byte[] encoded = SpoolItemCodec.encode(item);
    for (int length = 0; length < encoded.length; length++) {
      byte[] cut = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> SpoolItemCodec.decode(cut))
          .as("cut at %d", length)
          .isInstanceOf(SpoolItemUnreadableException.class);
    }
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> SpoolItemCodec.decode(longer))
        .isInstanceOf(SpoolItemUnreadableException.class);
  }

  @Test
  void toStringShowsNoEnvelope() {
    assertThat(item.toString()).doesNotContain("example").contains("6 bytes");
  }
}
