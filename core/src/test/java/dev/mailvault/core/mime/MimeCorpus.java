package dev.mailvault.core.mime;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the MIME golden corpus is: {@code core/src/test/resources/mime-corpus} (README and LICENSES
 * there), in the repository so a plain clone passes its own tests. The parent pom points the system
 * property {@code mailvault.corpus} at it, because other modules see this module's test resources
 * inside a jar once the reactor has packaged it; without the property (a test started from an IDE
 * in this module) the copy on the test class path is used.
 */
public final class MimeCorpus {

  /** The system property the parent pom sets to the corpus directory. */
  public static final String PROPERTY = "mailvault.corpus";

  private MimeCorpus() {}

  /** The corpus directory: one {@code NAME.eml} and {@code NAME.expected} per message. */
  public static Path directory() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      return requireCorpus(Path.of(configured));
    }
    URL readme = MimeCorpus.class.getResource("/mime-corpus/README.md");
    if (readme == null || !"file".equals(readme.getProtocol())) {
      throw new IllegalStateException(
          "MIME corpus not found: set -D" + PROPERTY + "=core/src/test/resources/mime-corpus");
    }
    try {
      return requireCorpus(Path.of(readme.toURI()).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("MIME corpus path unreadable: " + readme, e);
    }
  }

  private static Path requireCorpus(Path dir) {
    if (!Files.isRegularFile(dir.resolve("README.md"))) {
      throw new IllegalStateException("no MIME corpus (README.md) in " + dir.toAbsolutePath());
    }
    return dir;
  }
}
