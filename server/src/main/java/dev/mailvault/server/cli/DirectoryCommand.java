package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.jdbc.DirectoryCopy;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AdminClient;
import dev.mailvault.server.config.Settings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault directory migrate --to URL}: the directory's own maintenance (ADR 0275). */
@Command(
    mixinStandardHelpOptions = true,
    name = "directory",
    description = "Maintain the directory (domains, aliases and their wrapped keys).",
    subcommands = {DirectoryCommand.Migrate.class})
final class DirectoryCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(
      mixinStandardHelpOptions = true,
      name = "migrate",
      description = {
        "Copy the embedded directory (<data>/directory.sqlite, opened with the server key when"
            + " one is set) into an empty PostgreSQL database, for a cluster (ADR 0275).",
        "Stop the server first. Then set directory.url to the same URL."
      })
  static final class Migrate implements Callable<Integer> {

    @ParentCommand DirectoryCommand parent;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "URL",
        description = "postgresql://user:password@host:port/database of an empty database.")
    String url;

    @Override
    public Integer call() throws Exception {
      Settings settings = parent.top.settings(Map.of());
      DataLayout layout = new DataLayout(settings.dataDir());
      if (!Files.isRegularFile(layout.directoryFile())) {
        throw new MailvaultException("there is no embedded directory in " + layout.root());
      }
      if (AdminClient.ifRunning(layout.adminSocket()).isPresent()) {
        throw new MailvaultException(
            "the server is running on " + layout.root() + ": stop it before migrating");
      }
      DirectoryCopy.Result result =
          DirectoryCopy.sqliteToPostgres(
              layout.root(), Optional.ofNullable(settings.serverKeyFile()), url);
      List<Map<String, ?>> rows = new ArrayList<>();
      for (Map.Entry<String, Long> table : result.rows().entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", table.getKey());
        row.put("rows", table.getValue());
        rows.add(row);
      }
      Output out = parent.top.output();
      out.table(List.of("table", "rows"), rows, "no tables");
      if (!out.json()) {
        System.out.println(
            "copied at schema version "
                + result.schemaVersion()
                + "; now set directory.url to the same URL");
      }
      return 0;
    }
  }
}
