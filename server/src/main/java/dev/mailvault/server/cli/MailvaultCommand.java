package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code mailvault}: the top command. Options declared here are accepted by every subcommand. */
@Command(
    name = "mailvault",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A mail server where every mailbox is its own encrypted vault.",
    subcommands = {
      ServeCommand.class,
      DomainCommand.class,
      DkimCommand.class,
      AliasCommand.class,
      PurgeCommand.class,
      DemoCommand.class,
      BackupCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      QueueCommand.class,
      SieveCommand.class,
      AdminCommand.class,
      DirectoryCommand.class,
      ClusterCommand.class
    })
public final class MailvaultCommand extends GroupCommand {

  @Option(
      names = "--data",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Data directory (default ./data, or MAILVAULT_DATA).")
  Path data;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Config file (default <data>/mailvault.conf when present).")
  Path config;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine-readable output for scripts.")
  boolean json;

  private Map<String, String> env = Map.of();

  /** Runs the command line and returns the exit code; never lets a stack trace reach the user. */
  public static int run(String[] args, Map<String, String> env) {
    MailvaultCommand top = new MailvaultCommand();
    top.env = env;
    CommandLine cli = new CommandLine(top);
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    cli.setParameterExceptionHandler(new CliErrorHandler());
    return cli.execute(args);
  }

  /** Settings from flags, environment and config file, as the subcommand sees them. */
  Settings settings(Map<Setting, String> extraFlags) throws ConfigException {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.putAll(extraFlags);
    if (data != null) {
      flags.put(Setting.DATA, data.toString());
    }
    return Settings.resolve(flags, env, config);
  }

  /** The directory and vault store for one administrative command; the caller closes it. */
  AdminSession openAdmin() throws MailvaultException {
    return AdminSession.open(settings(Map.of()));
  }

  Output output() {
    return new Output(json);
  }
}
