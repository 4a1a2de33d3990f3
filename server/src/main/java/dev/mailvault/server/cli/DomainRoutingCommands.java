package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault domain catch-all|forward}: a domain's routing beyond its aliases (ADR 0243). */
final class DomainRoutingCommands {

  private DomainRoutingCommands() {}

  @Command(
      mixinStandardHelpOptions = true,
      name = "catch-all",
      description = "Send mail for unknown local parts of DOMAIN to ALIAS, or stop with --off.")
  static final class CatchAll implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Parameters(index = "1", paramLabel = "ALIAS", arity = "0..1")
    String alias;

    @Option(names = "--off", description = "No catch-all: unknown local parts are refused.")
    boolean off;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      Optional<EmailAddress> target =
          given(alias, off, "ALIAS") ? Optional.of(EmailAddress.parse(alias)) : Optional.empty();
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.setCatchAll(name, target);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("domain", name.toString());
      data.put("catchAll", target.map(EmailAddress::toString).orElse(null));
      parent
          .top
          .output()
          .result(
              target
                  .map(a -> "mail for unknown addresses at " + name + " goes to " + a)
                  .orElse("no catch-all at " + name),
              data);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "forward",
      description =
          "Forward every local part of DOMAIN to the same local part at OTHER-DOMAIN (through the"
              + " outbound queue, with SRS), or stop with --off. Aliases of DOMAIN keep their mail.")
  static final class Forward implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Parameters(index = "1", paramLabel = "OTHER-DOMAIN", arity = "0..1")
    String other;

    @Option(names = "--off", description = "Stop forwarding the domain.")
    boolean off;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      Optional<DomainName> target = Optional.empty();
      if (given(other, off, "OTHER-DOMAIN")) {
        target = Optional.of(DomainName.parse(other));
        if (target.get().equals(name)) {
          throw new MailvaultException("a domain cannot forward to itself");
        }
      }
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.setDomainForward(name, target);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("domain", name.toString());
      data.put("forwardTo", target.map(DomainName::toString).orElse(null));
      parent
          .top
          .output()
          .result(
              target
                  .map(t -> "mail for " + name + " is forwarded to " + t)
                  .orElse("mail for " + name + " is not forwarded"),
              data);
      return 0;
    }
  }

  /** Whether the argument was given rather than --off; exactly one of the two must be. */
  private static boolean given(String value, boolean off, String label) throws MailvaultException {
    if (off == (value != null)) {
      throw new MailvaultException("give either " + label + " or --off");
    }
    return !off;
  }
}
