package dev.mailvault.server.imapimport;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.ServeProcess;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Mailvault server in its own JVM ({@code mailvault serve}) holding the account mail is imported
 * from; it can be killed mid-import and started again on the same data.
 */
public final class MailvaultSource implements AutoCloseable {

  public static final String USER = "source@example.com";
  public static final String PASSWORD = "the source's long password";

  private final Path data;
  private final Path logs;
  private ServeProcess serve;
  private int starts;

  private MailvaultSource(Path data, Path logs) {
    this.data = data;
    this.logs = logs;
  }

  public static MailvaultSource start(Path dir) throws Exception {
    Path data = dir.resolve("source-data");
    Settings settings =
        Settings.resolve(
            Map.ofEntries(
                Map.entry(Setting.DATA, data.toString()),
                Map.entry(Setting.BIND, "127.0.0.1"),
                Map.entry(Setting.HTTP_PORT, "0"),
                Map.entry(Setting.HTTPS_PORT, "0"),
                Map.entry(Setting.IMAP_PORT, "0"),
                Map.entry(Setting.IMAPS_PORT, "0"),
                Map.entry(Setting.POP3_PORT, "0"),
                Map.entry(Setting.POP3S_PORT, "0"),
                Map.entry(Setting.SUBMISSION_PORT, "0"),
                Map.entry(Setting.SUBMISSIONS_PORT, "0"),
                Map.entry(Setting.SMTP_PORT, "0"),
                Map.entry(Setting.MANAGESIEVE_PORT, "0")),
            Map.of(),
            null);
    try (MailvaultNode node = MailvaultNode.start(settings)) {
      node.directory().addDomain(EmailAddress.parse(USER).domain());
      new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
          .create(EmailAddress.parse(USER), PASSWORD.toCharArray())
          .close();
    }
    MailvaultSource source = new MailvaultSource(data, dir);
    source.restart();
    return source;
  }

  /** Starts {@code serve} again (on a new port) after {@link #kill()}. */
  void restart() throws Exception {
    serve = ServeProcess.start(data, logs.resolve("source-" + (++starts) + ".log"));
  }

  public int port() {
    return serve.imapPort();
  }

  /** The URL the import is given: STARTTLS to the self-signed certificate on loopback. */
  public String url() {
    return "imap://source%40example.com@127.0.0.1:" + port();
  }

  /** The same account over implicit TLS (RFC 8314 §3.3), to the same self-signed certificate. */
  public String imapsUrl() {
    return "imaps://source%40example.com@127.0.0.1:" + serve.imapsPort();
  }

  ImapSourceAddress address() throws Exception {
    return ImapSourceAddress.parse(url());
  }

  /** SIGKILL: every connection to it drops at once. */
  void kill() throws InterruptedException {
    serve.kill();
  }

  @Override
  public void close() {
    if (serve != null) {
      serve.close();
    }
  }
}
