package dev.mailvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

  @Test
  void generatesTwentyFourAlphanumericCharacters() {
    char[] password = PasswordGenerator.generate();
    assertThat(password).hasSize(24);
    assertThat(new String(password)).matches("[A-Za-z0-9]{24}");
  }

  @Test
  void carriesAtLeast128BitsOfEntropy() {
    Set<Character> alphabet = new HashSet<>();
    for (char c : PasswordGenerator.ALPHABET.toCharArray()) {
      alphabet.add(c);
    }
    double bits = PasswordGenerator.LENGTH * (Math.log(alphabet.size()) / Math.log(2));
    assertThat(alphabet).hasSize(PasswordGenerator.ALPHABET.length());
    assertThat(bits).isGreaterThanOrEqualTo(128.0);
  }

  @Test
  void usesTheWholeAlphabetAndNeverRepeatsAPassword() {
    Set<String> seen = new HashSet<>();
    Set<Character> used = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      char[] password = PasswordGenerator.generate();
      seen.add(new String(password));
      for (char c : password) {
        used.add(c);
      }
    }
    assertThat(seen).hasSize(5_000);
    assertThat(used).hasSize(PasswordGenerator.ALPHABET.length());
  }
}
