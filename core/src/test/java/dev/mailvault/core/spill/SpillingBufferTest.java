package dev.mailvault.core.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingBufferTest {

  private static final byte[] MARKER = "PLAINTEXT-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path temp;

  @Test
  void readsBackWhatSpilledPastTheThresholdAndKeepsNoPlaintextOnDisk() throws IOException {
    InFlightBudget budget = new InFlightBudget(10L * 1024 * 1024);
    SpillArea area = SpillArea.open(temp.resolve("spill"), 1000, budget);
    byte[] message = markerRepeated(300_000);
    try (SpillingBuffer buffer = area.newBuffer()) {
      // Odd-sized writes cross the threshold and chunk boundaries at arbitrary places.
      for (int i = 0; i < message.length; i += 777) {
        assertThat(buffer.write(message, i, Math.min(777, message.length - i))).isTrue();
      }
      assertThat(buffer.spilled()).isTrue();
      assertThat(filesUnder(temp.resolve("spill"))).hasSize(1);
      for (Path file : filesUnder(temp.resolve("spill"))) {
        assertThat(contains(Files.readAllBytes(file), MARKER)).isFalse();
      }
      assertThat(buffer.toByteArray()).isEqualTo(message);
      assertThat(budget.inUse()).isGreaterThanOrEqualTo(message.length);
    }
    assertThat(filesUnder(temp.resolve("spill"))).isEmpty();
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void refusesWhatTheBudgetCannotSpare() throws IOException {
    InFlightBudget budget = new InFlightBudget(100_000);
    SpillArea area = SpillArea.open(temp.resolve("spill"), 1000, budget);
    try (SpillingBuffer first = area.newBuffer();
        SpillingBuffer second = area.newBuffer()) {
      assertThat(first.reserve(90_000)).isTrue();
      assertThat(second.reserve(20_000)).isFalse();
      assertThat(second.write(new byte[20_000], 0, 20_000)).isFalse();
      assertThat(first.write(new byte[90_000], 0, 90_000)).isTrue();
    }
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void deletesWhatAnEarlierRunLeftBehind() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("spill"));
    Files.write(dir.resolve("spill-1.sealed"), new byte[] {1, 2, 3});
    SpillArea.open(dir, 1000, InFlightBudget.unlimited());
    assertThat(filesUnder(dir)).isEmpty();
  }

  private static byte[] markerRepeated(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = MARKER[i % MARKER.length];
    }
    return bytes;
  }

  private static java.util.List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
