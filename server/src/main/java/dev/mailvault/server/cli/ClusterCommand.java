package dev.mailvault.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault cluster ...}: the cluster's placement as the directory records it (issue 18).
 * Each subcommand is a class of its own.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "cluster",
    description = "Show and manage the storage primaries of a cluster.",
    subcommands = {ClusterStatusCommand.class, ClusterMoveCommand.class})
final class ClusterCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;
}
