package dev.mailvault.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault admin ...}: the people and tokens that administer this server. */
@Command(
    mixinStandardHelpOptions = true,
    name = "admin",
    description = "Manage administrators and admin API tokens.",
    subcommands = {AdminTokenCommand.class})
final class AdminCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;
}
