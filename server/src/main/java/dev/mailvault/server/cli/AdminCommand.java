package dev.mailvault.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault admin ...}: the web console's admins and the admin API's tokens. */
@Command(
    mixinStandardHelpOptions = true,
    name = "admin",
    description = "Manage the web console's admins and admin API tokens.",
    subcommands = {
      AdminAccountCommands.Add.class,
      AdminAccountCommands.ListAdmins.class,
      AdminAccountCommands.Remove.class,
      AdminAccountCommands.ResetTwoFactor.class,
      AdminTokenCommand.class
    })
final class AdminCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;
}
