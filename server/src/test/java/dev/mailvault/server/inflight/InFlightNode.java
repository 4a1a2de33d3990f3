package dev.mailvault.server.inflight;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.NoDns;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A node on ephemeral ports with one alias, for the tests of unfinished input: in the cluster
 * fixture the front-end, which holds the unfinished input, and its primary.
 */
final class InFlightNode {

  static final String ADDRESS = "hello@example.com";
  static final String PASSWORD = "a long enough password";

  private InFlightNode() {}

  static TestedNode start(Path data, Map<Setting, String> more) throws Exception {
    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    values.put(Setting.HTTP_PORT, "0");
    values.put(Setting.HTTPS_PORT, "0");
    values.put(Setting.IMAP_PORT, "0");
    values.put(Setting.IMAPS_PORT, "0");
    values.put(Setting.POP3_PORT, "0");
    values.put(Setting.POP3S_PORT, "0");
    values.put(Setting.MANAGESIEVE_PORT, "0");
    values.put(Setting.SUBMISSION_PORT, "0");
    values.put(Setting.SUBMISSIONS_PORT, "0");
    values.put(Setting.SMTP_PORT, "0");
    values.put(Setting.DNS_RESOLVERS, NoDns.RESOLVER);
    values.putAll(more);
    TestedNode node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ADDRESS).domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse(ADDRESS), PASSWORD.toCharArray())
        .close();
    return node;
  }

  static Wire imapLoggedIn(TestedNode node) throws Exception {
    Wire imap = new Wire(node.imapPort());
    imap.line();
    imap.send("l LOGIN " + ADDRESS + " \"" + PASSWORD + "\"");
    String answer = imap.lineStartingWith("l ");
    if (!answer.startsWith("l OK")) {
      throw new IllegalStateException("login failed: " + answer);
    }
    return imap;
  }

  /** An SMTP connection with MAIL and RCPT accepted, ready for DATA. */
  static Wire smtpReadyForData(TestedNode node) throws Exception {
    Wire smtp = new Wire(node.smtpPort());
    smtp.smtpReply();
    smtp.send("EHLO client.example");
    smtp.smtpReply();
    smtp.send("MAIL FROM:<sender@elsewhere.example>");
    expect(smtp.smtpReply(), "250");
    smtp.send("RCPT TO:<" + ADDRESS + ">");
    expect(smtp.smtpReply(), "250");
    return smtp;
  }

  static void expect(String reply, String prefix) {
    if (reply == null || !reply.startsWith(prefix)) {
      throw new IllegalStateException("expected " + prefix + ", got " + reply);
    }
  }
}
