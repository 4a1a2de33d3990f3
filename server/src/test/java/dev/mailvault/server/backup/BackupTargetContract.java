package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.store.backup.BackupTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BackupTarget} does, the same cases for the local directory and for S3. A
 * subclass supplies a fresh, empty target per test and the size of an object large enough to take
 * its slow path (multipart upload for S3).
 */
abstract class BackupTargetContract {

  @TempDir Path scratch;

  BackupTarget target;

  /** A fresh target with no objects in it. */
  abstract BackupTarget newTarget() throws Exception;

  /** Bytes of an object that is "large" for this target. */
  abstract long largeObjectSize();

  @BeforeEach
  void openTarget() throws Exception {
    target = newTarget();
  }

  @AfterEach
  void closeTarget() throws IOException {
    target.close();
  }

  @Test
  void storesAFileAndGivesItsBytesBack() throws IOException {
    byte[] content = randomBytes(70_000, 1);
    Path file = Files.write(scratch.resolve("copy.vault"), content);

    target.put("0a1b2c/2024-05-01T030000Z.vault", file);

    assertThat(read("0a1b2c/2024-05-01T030000Z.vault")).isEqualTo(content);
  }

  @Test
  void givesAPieceFromAnOffsetOn() throws IOException {
    byte[] content = randomBytes(70_000, 2);
    target.put("0a1b2c/2024-05-01T030000Z.vault", Files.write(scratch.resolve("p.vault"), content));

    // A download across the cluster reads one piece at a time (ADR 0286).
    try (InputStream in = target.get("0a1b2c/2024-05-01T030000Z.vault", 65_536)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 65_536, 70_000));
    }
    try (InputStream in = target.get("0a1b2c/2024-05-01T030000Z.vault", 0)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void storesSmallBytesAndGivesThemBack() throws IOException {
    byte[] manifest = "{\"vaultId\":\"0a1b2c\",\"size\":70000}".getBytes(StandardCharsets.UTF_8);

    target.put("0a1b2c/2024-05-01T030000Z.manifest", manifest);
    target.put("0a1b2c/empty", new byte[0]);

    assertThat(read("0a1b2c/2024-05-01T030000Z.manifest")).isEqualTo(manifest);
    assertThat(read("0a1b2c/empty")).isEmpty();
  }

  @Test
  void aLargeObjectGoesUpAndComesBackWhole() throws Exception {
    Path file = scratch.resolve("large.vault");
    long size = largeObjectSize();
    byte[] written = writeRandomFile(file, size);

    target.put("77aa/large.vault", file);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long read;
    try (InputStream in = new DigestInputStream(target.get("77aa/large.vault"), sha)) {
      read = in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(read).isEqualTo(size);
    assertThat(sha.digest()).isEqualTo(written);
  }

  @Test
  void aKeyIsWrittenOnce() throws IOException {
    target.put("0a1b2c/a.manifest", bytes("first"));

    assertThatThrownBy(() -> target.put("0a1b2c/a.manifest", bytes("second")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(read("0a1b2c/a.manifest")).isEqualTo(bytes("first"));
  }

  @Test
  void aMissingKeyIsNoSuchFile() throws IOException {
    target.put("0a1b2c/present", bytes("x"));

    assertThatThrownBy(() -> target.get("0a1b2c/absent"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("0a1b2c/absent");
    assertThatThrownBy(() -> target.get("nothing-here/at-all"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void listsKeysUnderAPrefixInAscendingOrder() throws IOException {
    for (String key :
        List.of("bb/2", "aa/3", "aa/1", "aa/2.manifest", "aa/2.vault", "aab/1", "ab/x/y", "ba")) {
      target.put(key, bytes(key));
    }

    assertThat(target.list("aa/")).containsExactly("aa/1", "aa/2.manifest", "aa/2.vault", "aa/3");
    assertThat(target.list("aa/2")).containsExactly("aa/2.manifest", "aa/2.vault");
    assertThat(target.list("aa"))
        .containsExactly("aa/1", "aa/2.manifest", "aa/2.vault", "aa/3", "aab/1");
    assertThat(target.list("ab/")).containsExactly("ab/x/y");
    assertThat(target.list(""))
        .containsExactly(
            "aa/1", "aa/2.manifest", "aa/2.vault", "aa/3", "aab/1", "ab/x/y", "ba", "bb/2");
    assertThat(target.list("zz/")).isEmpty();
  }

  @Test
  void listsMoreKeysThanOnePage() throws IOException {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String key = String.format("5e5e/%03d.manifest", i);
      expected.add(key);
    }
    for (int i = expected.size() - 1; i >= 0; i--) {
      target.put(expected.get(i), bytes("m" + i));
    }
    target.put("5e5f/other", bytes("not listed"));

    assertThat(target.list("5e5e/")).containsExactlyElementsOf(expected);
  }

  @Test
  void deleteRemovesTheObjectAndAbsentIsFine() throws IOException {
    target.put("0a1b2c/a.vault", bytes("a"));
    target.put("0a1b2c/b.vault", bytes("b"));

    target.delete("0a1b2c/a.vault");
    target.delete("0a1b2c/a.vault");
    target.delete("never/stored");

    assertThat(target.list("0a1b2c/")).containsExactly("0a1b2c/b.vault");
    assertThatThrownBy(() -> target.get("0a1b2c/a.vault")).isInstanceOf(NoSuchFileException.class);
    target.delete("0a1b2c/b.vault");
    assertThat(target.list("")).isEmpty();
    target.put("0a1b2c/a.vault", bytes("again"));
    assertThat(read("0a1b2c/a.vault")).isEqualTo(bytes("again"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/etc/passwd",
        "../outside",
        "a/../../outside",
        "a/./b",
        "a//b",
        "a/",
        ".hidden",
        "a/.tmp-123",
        "with space",
        "hello@example.com/x",
        "back\\slash"
      })
  void aBadKeyIsRefusedWithItsReason(String key) throws IOException {
    assertThatThrownBy(() -> target.put(key, bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("backup key");
    assertThatThrownBy(() -> target.get(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> target.delete(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(target.list("")).isEmpty();
  }

  @Test
  void aBadPrefixIsRefused() {
    assertThatThrownBy(() -> target.list("../")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> target.list("/abs")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describesItselfWithoutSecrets() {
    assertThat(target.describe()).isNotBlank();
  }

  byte[] read(String key) throws IOException {
    try (InputStream in = target.get(key)) {
      return in.readAllBytes();
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code size} random bytes in chunks and returns their SHA-256. */
  static byte[] writeRandomFile(Path file, long size) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(size);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      long left = size;
      while (left > 0) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        sha.update(chunk, 0, n);
        left -= n;
      }
    }
    return sha.digest();
  }
}
