package dev.mailvault.server;

import dev.mailvault.server.cli.MailvaultCommand;

/** The {@code mailvault} entry point: every command is a picocli subcommand. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(MailvaultCommand.run(args, System.getenv()));
  }
}
