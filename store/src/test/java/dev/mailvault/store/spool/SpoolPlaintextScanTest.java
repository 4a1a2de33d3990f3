package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.crypto.SpoolKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §1 and §5: nothing under the spool root, content or name, shows the address, subject or
 * body of a spooled message.
 */
class SpoolPlaintextScanTest {

  private static final List<String> NEEDLES =
      List.of(
          SpoolFixture.SENDER,
          SpoolFixture.RECIPIENT,
          "alice.sender",
          "bob.recipient",
          "example.org",
          "Zanzibar",
          "pumpkin",
          "Line two of message");

  @TempDir Path dir;

  @Test
  void noSpoolFileNorNameHoldsAnAddressSubjectOrBody() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      for (int n = 0; n < 5; n++) {
        f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, Instant.now()));
      }
      // A leftover temporary file must not leak either.
      Files.writeString(f.spool.folderOf(f.vaultId).resolve(".tmp-" + "0".repeat(32)), "");

      List<Path> files;
      try (Stream<Path> walk = Files.walk(f.spoolRoot)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      // One segment with the five items, and the leftover.
      assertThat(files).hasSize(2);
      for (Path file : files) {
        String name = f.spoolRoot.relativize(file).toString();
        // ISO-8859-1 keeps one char per byte, so a byte-level search is a string search.
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String needle : NEEDLES) {
          assertThat(name).as("file name").doesNotContainIgnoringCase(needle).doesNotContain("@");
          assertThat(content).as("content of %s", name).doesNotContainIgnoringCase(needle);
        }
      }
    }
  }

  @Test
  void theScanWouldSeeAPlaintextLeak() throws Exception {
    // The scan above is only worth something if a plaintext copy would fail it.
    Path leak = dir.resolve("leak");
    Files.write(leak, SpoolFixture.message(1));
    String content = new String(Files.readAllBytes(leak), StandardCharsets.ISO_8859_1);
    assertThat(NEEDLES).allSatisfy(needle -> assertThat(content).containsIgnoringCase(needle));
  }
}
