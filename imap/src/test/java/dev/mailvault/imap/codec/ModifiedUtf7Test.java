package dev.mailvault.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf7Test {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // RFC 3501 §5.1.3
        "~peter/mail/&U,BTFw-/&ZeVnLIqe-|~peter/mail/台北/日本語",
        "&Jjo-!|☺!",
        "Entw&APw-rfe|Entwürfe",
        "Tom &- Jerry|Tom & Jerry",
        "INBOX|INBOX",
        "&2D3eAA-|\uD83D\uDE00",
        "a&AAk-b|a\tb"
      })
  void decodesAndEncodesTheSameName(String encoded, String name) throws Exception {
    assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(name);
    assertThat(ModifiedUtf7.encode(name)).isEqualTo(encoded);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "&U,BTFw", // unterminated shift
        "&U/BTFw-", // '/' is ',' in modified base64
        "&AGE-", // encodes printable ASCII 'a'
        "&U,BTF-", // leftover bits are not zero padding
        "&2D0-", // lone high surrogate
        "&3gA-", // lone low surrogate
        "a\u00e9b", // 8-bit character outside a shift
        "&=-"
      })
  void refusesWhatIsNotCanonical(String encoded) {
    assertThatThrownBy(() -> ModifiedUtf7.decode(encoded))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void randomNamesRoundTrip() throws Exception {
    Random random = new Random(20261122);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder name = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        int kind = random.nextInt(4);
        int cp =
            switch (kind) {
              case 0 -> 0x20 + random.nextInt(0x5f);
              case 1 -> '&';
              case 2 -> 0x80 + random.nextInt(0xD000);
              default -> 0x10000 + random.nextInt(0x10000);
            };
        name.appendCodePoint(cp);
      }
      String encoded = ModifiedUtf7.encode(name.toString());
      assertThat(encoded).matches("[\\x20-\\x7e]*");
      assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(name.toString());
    }
  }
}
