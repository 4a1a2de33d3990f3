package dev.mailvault.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export waiting for its download: sealed on disk, readable by this object only, once. */
class SealedFileTest {

  @TempDir Path dir;

  @Test
  void roundTripsManyChunksWithoutPlaintextOnDisk() throws Exception {
    byte[] plain = new byte[200_000];
    new Random(7).nextBytes(plain);
    byte[] marker = "plaintext-marker-0123456789".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, plain, 70_000, marker.length);
    Path file = dir.resolve("x.sealed");
    try (SealedFile sealed = new SealedFile(file)) {
      try (OutputStream out = sealed.writer()) {
        out.write(plain, 0, 1000);
        out.write(plain[1000]);
        out.write(plain, 1001, plain.length - 1001);
      }
      assertThat(sealed.size()).isEqualTo(plain.length);
      byte[] disk = Files.readAllBytes(file);
      assertThat(new String(disk, StandardCharsets.ISO_8859_1))
          .doesNotContain(new String(marker, StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      sealed.copyTo(back);
      assertThat(back.toByteArray()).isEqualTo(plain);
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void readsAPieceFromAnyOffsetAcrossChunks() throws Exception {
    byte[] plain = new byte[200_000];
    new Random(11).nextBytes(plain);
    try (SealedFile sealed = new SealedFile(dir.resolve("z.sealed"))) {
      try (OutputStream out = sealed.writer()) {
        out.write(plain);
      }
      assertThat(sealed.read(0, 10)).isEqualTo(Arrays.copyOfRange(plain, 0, 10));
      // From the end of the first chunk well into the third.
      assertThat(sealed.read(65_530, 70_000)).isEqualTo(Arrays.copyOfRange(plain, 65_530, 135_530));
      assertThat(sealed.read(199_990, 100)).isEqualTo(Arrays.copyOfRange(plain, 199_990, 200_000));
      assertThat(sealed.read(200_000, 100)).isEmpty();
      assertThat(sealed.read(300_000, 100)).isEmpty();
    }
  }

  @Test
  void anAlteredChunkDoesNotOpen() throws Exception {
    Path file = dir.resolve("y.sealed");
    try (SealedFile sealed = new SealedFile(file)) {
      try (OutputStream out = sealed.writer()) {
        out.write("hello".getBytes(StandardCharsets.US_ASCII));
      }
      byte[] disk = Files.readAllBytes(file);
      disk[disk.length - 1] ^= 1;
      Files.write(file, disk);
      assertThatThrownBy(() -> sealed.copyTo(new ByteArrayOutputStream()))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
