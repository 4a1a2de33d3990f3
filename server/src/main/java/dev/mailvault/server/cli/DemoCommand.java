package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault demo}: creates the domain {@code demo.test} (a reserved name, RFC 6761 §6.2, so
 * it never collides with a real domain) and the alias {@code hello@demo.test}, then prints its
 * password and where things are.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description = "Create a demo domain and alias and print the settings to use them.")
final class DemoCommand implements Callable<Integer> {

  static final String DOMAIN = "demo.test";
  static final String ADDRESS = "hello@" + DOMAIN;

  @ParentCommand MailvaultCommand top;

  @Override
  public Integer call() throws Exception {
    Settings settings = top.settings(Map.of());
    EmailAddress address = EmailAddress.parse(ADDRESS);
    try (AdminSession admin = AdminSession.open(settings)) {
      DomainName domain = DomainName.parse(DOMAIN);
      if (admin.directory.listDomains().stream().noneMatch(d -> d.name().equals(domain))) {
        admin.dkim().addDomain(domain);
      }
      if (admin.directory.findAlias(address).isPresent()) {
        throw new MailvaultException(
            "the demo alias "
                + ADDRESS
                + " exists already; get a new password with: ./mailvault alias passwd "
                + ADDRESS
                + " --reset");
      }
      try (NewAlias alias = admin.aliases.create(address, null)) {
        String password = new String(alias.generatedPassword().orElseThrow());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("address", ADDRESS);
        data.put("password", password);
        data.put("data", admin.layout.root().toAbsolutePath().toString());
        data.put("healthz", "http://localhost:" + settings.get(Setting.HTTP_PORT) + "/healthz");
        data.put("imaps_port", Integer.parseInt(settings.get(Setting.IMAPS_PORT)));
        data.put("imap_port", Integer.parseInt(settings.get(Setting.IMAP_PORT)));
        data.put("smtp_port", Integer.parseInt(settings.get(Setting.SMTP_PORT)));
        data.put("pop3s_port", Integer.parseInt(settings.get(Setting.POP3S_PORT)));
        data.put("pop3_port", Integer.parseInt(settings.get(Setting.POP3_PORT)));
        String nl = System.lineSeparator();
        String human =
            "created the demo domain "
                + DOMAIN
                + " and the alias "
                + ADDRESS
                + nl
                + "  username: "
                + ADDRESS
                + nl
                + "  password: "
                + password
                + "   (shown once; it is not stored anywhere)"
                + nl
                + "  data directory: "
                + admin.layout.root().toAbsolutePath()
                + nl
                + "Start the server with ./mailvault serve; health check: "
                + data.get("healthz")
                + nl
                + "Read its mail over IMAP: port "
                + data.get("imaps_port")
                + " (SSL/TLS) or "
                + data.get("imap_port")
                + " (STARTTLS) with this username and password, or over POP3: port "
                + data.get("pop3s_port")
                + " (SSL/TLS) or "
                + data.get("pop3_port")
                + " (STLS); mail to "
                + ADDRESS
                + " arrives over SMTP on port "
                + data.get("smtp_port")
                + "."
                + nl
                + "Sending mail (submission) is not part of this version yet (see"
                + " docs/status.md).";
        top.output().result(human, data);
      }
    }
    return 0;
  }
}
