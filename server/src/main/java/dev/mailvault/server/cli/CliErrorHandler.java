package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one boundary where CLI failures become output: a user's mistake is one readable line on
 * stderr and exit 1; bad usage is one line plus a hint and exit 2; our own fault is one line with a
 * correlation id (the detail goes to the log at debug level) and exit 70 (EX_SOFTWARE).
 */
final class CliErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CliErrorHandler.class);

  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL = 70;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof MailvaultException) {
      String subject = subject(cmd);
      err.println("mailvault: " + (subject == null ? "" : subject + ": ") + ex.getMessage());
      err.flush();
      return EXIT_FAILURE;
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.debug("internal error {}", id, ex);
    err.println("mailvault: internal error (" + ex.getClass().getSimpleName() + ", id " + id + ")");
    err.flush();
    return EXIT_INTERNAL;
  }

  /**
   * The address or domain the command acts on: its first positional parameter. Library messages do
   * not repeat the names they were given (so they can be logged); the CLI names it for the user.
   */
  private static String subject(CommandLine cmd) {
    List<PositionalParamSpec> positionals = cmd.getCommandSpec().positionalParameters();
    Object value = positionals.isEmpty() ? null : positionals.get(0).getValue();
    return value == null ? null : value.toString();
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String unknown = unknownCommand(ex);
    if (unknown != null) {
      err.println(
          "mailvault: unknown command '"
              + unknown
              + "'; see "
              + cmd.getCommandSpec().qualifiedName()
              + " --help");
      err.flush();
      return EXIT_USAGE;
    }
    err.println("mailvault: " + ex.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return EXIT_USAGE;
  }

  /**
   * The word given where a command has only subcommands, such as {@code frobnicate} in {@code
   * mailvault frobnicate}; null for any other parse error (an unknown option, a missing argument).
   */
  private static String unknownCommand(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException unmatched)
        || ex.getCommandLine().getSubcommands().isEmpty()
        || !ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
      return null;
    }
    List<String> words = unmatched.getUnmatched();
    return words.isEmpty() || words.get(0).startsWith("-") ? null : words.get(0);
  }
}
