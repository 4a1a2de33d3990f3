package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.directory.DirectoryUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The server key that encrypts the directory at rest: 32 bytes in a file kept outside the data
 * directory (so a copy of the data directory, or a backup of it, does not carry its own key). The
 * file holds the 32 raw bytes or 64 hex digits (e.g. from {@code openssl rand -hex 32}), a trailing
 * newline allowed.
 */
public final class ServerKeyFile {

  public static final int KEY_LENGTH = 32;

  private ServerKeyFile() {}

  /**
   * Reads the key.
   *
   * @throws DirectoryUnavailableException when the file is missing, unreadable, malformed, or
   *     inside {@code dataDirectory}
   */
  public static SecretBytes read(Path keyFile, Path dataDirectory)
      throws DirectoryUnavailableException {
    checkOutside(keyFile, dataDirectory);
    byte[] content;
    try {
      content = Files.readAllBytes(keyFile);
    } catch (IOException e) {
      throw new DirectoryUnavailableException("cannot read the server key file " + keyFile, e);
    }
    try {
      if (content.length == KEY_LENGTH) {
        return SecretBytes.copyOf(content);
      }
      int end = content.length;
      while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
        end--;
      }
      if (end == 2 * KEY_LENGTH && isHex(content, end)) {
        byte[] key =
            HexFormat.of().parseHex(new String(content, 0, end, StandardCharsets.US_ASCII));
        try {
          return SecretBytes.copyOf(key);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
      throw new DirectoryUnavailableException(
          "the server key file "
              + keyFile
              + " must hold 32 bytes, or 64 hex digits; it holds "
              + content.length
              + " bytes");
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Creates a new key file with a random key as 64 hex digits, readable by its owner only.
   *
   * @throws DirectoryUnavailableException when the file exists already or cannot be written
   */
  public static void create(Path keyFile) throws DirectoryUnavailableException {
    byte[] text;
    try (SecretBytes key = SecretBytes.random(KEY_LENGTH)) {
      text = (HexFormat.of().formatHex(key.bytes()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
    try {
      Path parent = keyFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.createFile(keyFile, ownerOnly());
      Files.write(keyFile, text, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new DirectoryUnavailableException("the server key file " + keyFile + " exists already");
    } catch (IOException e) {
      throw new DirectoryUnavailableException("cannot write the server key file " + keyFile, e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static void checkOutside(Path keyFile, Path dataDirectory)
      throws DirectoryUnavailableException {
    Path key = real(keyFile);
    Path data = real(dataDirectory);
    if (key.startsWith(data)) {
      throw new DirectoryUnavailableException(
          "the server key file must be kept outside the data directory " + dataDirectory);
    }
  }

  /** The real path where it exists (following links), else the normalized absolute path. */
  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException notThere) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean isHex(byte[] b, int end) {
    for (int i = 0; i < end; i++) {
      int c = b[i];
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
