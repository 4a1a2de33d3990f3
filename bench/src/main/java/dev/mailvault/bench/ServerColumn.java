package dev.mailvault.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One server's column in a side-by-side benchmark table (ImapTest stress, POP3 load): its heading
 * and the figures its run wrote, empty when it did not run.
 */
public record ServerColumn(String label, Properties figures) {

  /** Whether the server ran (it wrote figures). */
  public boolean ran() {
    return !figures.isEmpty();
  }

  /**
   * The columns named on a report's command line, {@code LABEL=figures.properties} each, in order;
   * a file that does not exist is a server that did not run.
   */
  public static List<ServerColumn> fromArgs(String[] args) throws IOException {
    List<ServerColumn> columns = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      Path file = Path.of(arg.substring(eq + 1));
      Properties figures = new Properties();
      if (Files.exists(file)) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          figures.load(r);
        }
      }
      columns.add(new ServerColumn(arg.substring(0, eq), figures));
    }
    return columns;
  }
}
