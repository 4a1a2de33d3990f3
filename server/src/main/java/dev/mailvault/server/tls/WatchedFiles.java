package dev.mailvault.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate and key files as last seen: modification time, size and file key of each. Polled
 * rather than watched with a {@code WatchService}: a certificate renewed by certbot is a symbolic
 * link switched in another folder, which a watch on the link's own folder does not see, and a poll
 * every few seconds costs nothing.
 */
final class WatchedFiles {

  private final List<Path> files;
  private List<Object> seen;

  WatchedFiles(List<Path> files) {
    this.files = List.copyOf(files);
    this.seen = stamp();
  }

  /** Whether any file changed since the last call (or since construction). */
  synchronized boolean changed() {
    List<Object> now = stamp();
    if (now.equals(seen)) {
      return false;
    }
    seen = now;
    return true;
  }

  private List<Object> stamp() {
    List<Object> stamp = new ArrayList<>();
    for (Path file : files) {
      try {
        // Follows links, so a switched link target counts as a change.
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        stamp.add(
            List.of(
                attributes.lastModifiedTime(),
                attributes.size(),
                String.valueOf(attributes.fileKey())));
      } catch (NoSuchFileException e) {
        stamp.add("missing");
      } catch (IOException e) {
        stamp.add("unreadable");
      }
    }
    return stamp;
  }
}
