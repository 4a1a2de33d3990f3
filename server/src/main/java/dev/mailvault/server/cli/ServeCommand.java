package dev.mailvault.server.cli;

import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.tls.HangupSignal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault serve}: runs every role in this process, or the one {@code --role} names, until
 * SIGTERM or SIGINT.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = "Run the server: every role in one process, or one role of a cluster.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @ParentCommand MailvaultCommand top;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Bind address (default 0.0.0.0, or MAILVAULT_BIND).")
  String bind;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "HTTP port (default 8080, or MAILVAULT_HTTP_PORT).")
  Integer httpPort;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "all (default), frontend or primary (or MAILVAULT_ROLE); see docs/cluster.md.")
  String role;

  @Override
  public Integer call() throws Exception {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    if (bind != null) {
      flags.put(Setting.BIND, bind);
    }
    if (httpPort != null) {
      flags.put(Setting.HTTP_PORT, httpPort.toString());
    }
    if (role != null) {
      flags.put(Setting.ROLE, role);
    }
    Settings settings = top.settings(flags);
    MailvaultNode node = MailvaultNode.start(settings);
    // Like Postfix and Dovecot: SIGHUP re-reads the certificate, without dropping connections.
    HangupSignal.onHangup(node::reloadTls);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and SIGINT run shutdown hooks: close listeners and vaults, then let main return.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  node.close();
                  LOG.info("stopped");
                  stopped.countDown();
                },
                "mailvault-shutdown"));
    LOG.info("mailvault serving data directory {}", settings.dataDir().toAbsolutePath());
    stopped.await();
    return 0;
  }
}
