package dev.mailvault.server;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.config.Settings;
import java.util.Optional;

/** Opens the directory the settings describe: embedded SQLite in the data directory for now. */
public final class Directories {

  private Directories() {}

  public static Directory open(DataLayout layout, Settings settings)
      throws DirectoryUnavailableException {
    return SqliteDirectory.open(layout.root(), Optional.ofNullable(settings.serverKeyFile()));
  }
}
