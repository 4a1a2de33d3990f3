package dev.mailvault.core.fs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Directories {@code rwx------} and files {@code rw-------} (ADR 0179): the data directory holds
 * wrapped keys and encrypted vaults, and another local user who can copy them can guess passwords
 * offline. Java has no process umask, so modes are given at creation, and files that a library
 * creates (SQLite) are narrowed right after. On a file system without POSIX modes every method does
 * nothing.
 */
public final class OwnerOnly {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /** The files SQLite keeps beside a database, which it creates with the database's mode. */
  private static final String[] SQLITE_SIDE_FILES = {"-wal", "-shm", "-journal"};

  private OwnerOnly() {}

  /** The attribute that creates a directory {@code rwx------}. */
  public static FileAttribute<?>[] directoryMode() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  /** The attribute that creates a file {@code rw-------}. */
  public static FileAttribute<?>[] fileMode() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** {@link Files#createDirectories}, every directory it creates {@code rwx------}. */
  public static Path createDirectories(Path directory) throws IOException {
    return Files.createDirectories(directory, directoryMode());
  }

  /**
   * Narrows an SQLite database and its side files to the owner. Called right after the database is
   * opened: side files made later copy the database's mode (SQLite's unix VFS does so).
   */
  public static void restrictDatabase(Path database) throws IOException {
    restrict(database);
    for (String suffix : SQLITE_SIDE_FILES) {
      restrict(database.resolveSibling(database.getFileName() + suffix));
    }
  }

  /**
   * Takes the group's and others' permissions from one file or directory, if it exists.
   *
   * @return whether its mode changed
   */
  public static boolean restrict(Path path) throws IOException {
    if (!POSIX || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.isSymbolicLink(path)) {
      return false;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (mode.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
      return false;
    }
    mode.removeAll(GROUP_AND_OTHERS);
    Files.setPosixFilePermissions(path, mode);
    return true;
  }

  /**
   * Takes the group's and others' permissions from {@code root} and everything below it, not
   * following symbolic links below it.
   *
   * @return how many files and directories changed
   */
  public static int restrictTree(Path root) throws IOException {
    if (!POSIX || !Files.isDirectory(root)) {
      return 0;
    }
    int[] changed = {0};
    // A data directory reached through a symbolic link is narrowed too; links below it are not
    // followed.
    Files.walkFileTree(
        root.toRealPath(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (restrict(dir)) {
              changed[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (restrict(file)) {
              changed[0]++;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return changed[0];
  }
}
