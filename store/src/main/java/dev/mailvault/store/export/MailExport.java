package dev.mailvault.store.export;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.TransferListener;
import dev.mailvault.store.Vault;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Exports a whole vault to one file. The file is written under a temporary name in the target's
 * directory and renamed to the target only once complete, so the target name never holds a
 * half-written export; a failed export leaves nothing behind. An export is the user's plaintext on
 * purpose and goes only where the caller says; nothing of it is written anywhere else (the sqlite
 * writer keeps its temporary data in memory).
 */
public final class MailExport {

  private MailExport() {}

  /**
   * Writes every folder and message of {@code vault} to {@code target}.
   *
   * @param password the key of the {@link ExportFormat#SQLITE} file (the alias's password); unused
   *     by the other formats, may be null for them
   * @throws ExportException when {@code target} exists or cannot be written
   */
  public static ExportReport export(
      Vault vault, ExportFormat format, Path target, char[] password, TransferListener listener)
      throws MailvaultException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(listener, "listener");
    Path file = target.toAbsolutePath().normalize();
    if (Files.exists(file)) {
      throw new ExportException(file + " exists; remove it or choose another file");
    }
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ExportException("no directory " + dir + " to write " + file.getFileName() + " in");
    }
    if (format == ExportFormat.SQLITE && (password == null || password.length == 0)) {
      throw new IllegalArgumentException("the sqlite export needs the password");
    }
    Path temp = dir.resolve("." + file.getFileName() + ".part-" + UUID.randomUUID());
    try {
      long[] counts = write(vault, format, temp, password, listener);
      try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        written.force(true); // on disk before it takes the final name
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      List<FolderInfo> folders = vault.listFolders();
      return new ExportReport(file, format, folders.size(), counts[0], counts[1], Files.size(file));
    } catch (FileAlreadyExistsException e) {
      throw new ExportException(file + " appeared while exporting; the export was not kept", e);
    } catch (IOException e) {
      throw new ExportException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
      // SQLite's rollback journal of the temporary file, if a failure left one.
      deleteQuietly(temp.resolveSibling(temp.getFileName() + "-journal"));
    }
  }

  private static long[] write(
      Vault vault, ExportFormat format, Path temp, char[] password, TransferListener listener)
      throws IOException, MailvaultException {
    List<FolderInfo> folders = vault.listFolders();
    long[] counts = new long[2];
    VaultWalk.Visitor count =
        m -> {
          counts[0]++;
          counts[1] += m.raw().length;
          listener.transferred(1, m.raw().length);
        };
    if (format == ExportFormat.SQLITE) {
      try (SqliteExportWriter sink = new SqliteExportWriter(temp, password, folders)) {
        VaultWalk.forEach(vault, then(sink, count));
        sink.finish();
      }
      return counts;
    }
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), 1 << 16)) {
      return exportTo(vault, format, out, listener);
    }
  }

  /**
   * Writes every folder and message of {@code vault} as mbox or eml-zip to {@code out}, which the
   * caller owns (an encrypted file, a download): nothing touches the disk here.
   *
   * @return messages and message bytes written
   * @throws IllegalArgumentException for {@link ExportFormat#SQLITE}, which needs a file
   */
  public static long[] exportTo(
      Vault vault, ExportFormat format, OutputStream out, TransferListener listener)
      throws IOException, MailvaultException {
    if (format == ExportFormat.SQLITE) {
      throw new IllegalArgumentException("the sqlite export is written to a file");
    }
    List<FolderInfo> folders = vault.listFolders();
    long[] counts = new long[2];
    VaultWalk.Visitor count =
        m -> {
          counts[0]++;
          counts[1] += m.raw().length;
          listener.transferred(1, m.raw().length);
        };
    MessageSink sink =
        format == ExportFormat.MBOX
            ? new MboxWriter(out)
            : new EmlZipWriter(out, folders.stream().map(FolderInfo::name).toList());
    VaultWalk.forEach(vault, then(sink, count));
    sink.finish();
    return counts;
  }

  private static VaultWalk.Visitor then(MessageSink sink, VaultWalk.Visitor after) {
    return m -> {
      sink.write(m);
      after.visit(m);
    };
  }

  /** The vault's message count and bytes, for a progress display with a known total. */
  public static long[] totals(Vault vault) throws MailvaultException {
    return VaultWalk.totals(vault);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Best effort: the rename already happened, or the failure being reported matters more.
    }
  }
}
