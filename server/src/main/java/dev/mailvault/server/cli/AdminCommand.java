package dev.mailvault.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault admin ...}: the web console's admins (issue 17). */
@Command(
    mixinStandardHelpOptions = true,
    name = "admin",
    description = "Manage the web console's admins.",
    subcommands = {
      AdminAccountCommands.Add.class,
      AdminAccountCommands.ListAdmins.class,
      AdminAccountCommands.Remove.class,
      AdminAccountCommands.ResetTwoFactor.class
    })
final class AdminCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;
}
