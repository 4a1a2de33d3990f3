package dev.mailvault.core.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

  @Test
  void aLooseTreeIsNarrowedToTheOwnerAndOnlyChangesAreCounted(@TempDir Path root) throws Exception {
    Path folder = Files.createDirectories(root.resolve("a/b"));
    Path file = Files.writeString(folder.resolve("f"), "x");
    Files.setPosixFilePermissions(root.resolve("a"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));

    assertThat(OwnerOnly.restrictTree(root)).isEqualTo(3);

    assertThat(mode(root.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(folder)).isEqualTo("rwx------");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(OwnerOnly.restrictTree(root)).isZero();
  }

  @Test
  void aDataDirectoryReachedThroughALinkIsNarrowed(@TempDir Path root) throws Exception {
    Path real = Files.createDirectory(root.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(root.resolve("link"), real);

    assertThat(OwnerOnly.restrictTree(link)).isEqualTo(1);
    assertThat(mode(real)).isEqualTo("rwx------");
  }

  @Test
  void createdDirectoriesAreOwnerOnly(@TempDir Path root) throws Exception {
    Path deep = OwnerOnly.createDirectories(root.resolve("x/y"));
    assertThat(mode(root.resolve("x"))).isEqualTo("rwx------");
    assertThat(mode(deep)).isEqualTo("rwx------");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
