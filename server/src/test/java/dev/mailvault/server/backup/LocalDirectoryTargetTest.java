package dev.mailvault.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The backup contract on a local folder, plus what only a folder has: modes and leftovers. */
class LocalDirectoryTargetTest extends BackupTargetContract {

  Path root;

  @Override
  BackupTarget newTarget() {
    root = scratch.resolve("data").resolve("backups");
    return new LocalDirectoryTarget(root);
  }

  @Override
  long largeObjectSize() {
    return 24L * 1024 * 1024 + 13;
  }

  @Test
  void foldersAreOwnerOnlyAndFilesTooAndNoTemporaryFileRemains() throws IOException {
    target.put("0a1b2c/deep/a.vault", bytes("secret-ish"));

    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(mode(root.resolve("0a1b2c"))).isEqualTo("rwx------");
    assertThat(mode(root.resolve("0a1b2c/deep"))).isEqualTo("rwx------");
    assertThat(mode(root.resolve("0a1b2c/deep/a.vault"))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
    }
  }

  @Test
  void aPutInterruptedByACrashLeavesNoObjectAndItsLeftoverIsCleared() throws IOException {
    target.put("0a1b2c/a.vault", bytes("whole"));
    // What a crash between the write and the link leaves: a temporary file beside the key.
    Path leftover = root.resolve("0a1b2c/.tmp-4711");
    Files.write(leftover, bytes("half a vault"));

    assertThat(target.list("")).containsExactly("0a1b2c/a.vault");
    assertThat(((LocalDirectoryTarget) target).removeLeftovers()).isEqualTo(1);
    assertThat(leftover).doesNotExist();
    assertThat(target.list("")).containsExactly("0a1b2c/a.vault");
  }

  @Test
  void deletingTheLastObjectOfAVaultRemovesItsFolderButNotTheRoot() throws IOException {
    target.put("0a1b2c/x/a.vault", bytes("a"));

    target.delete("0a1b2c/x/a.vault");

    assertThat(root.resolve("0a1b2c")).doesNotExist();
    assertThat(root).isDirectory();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
