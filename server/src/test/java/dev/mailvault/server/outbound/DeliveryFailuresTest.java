package dev.mailvault.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.outbound.delivery.DeliverySettings;
import dev.mailvault.outbound.delivery.SmtpTimeouts;
import dev.mailvault.outbound.delivery.SmtpTransmitter;
import dev.mailvault.outbound.dsn.ParsedDsn;
import dev.mailvault.outbound.testing.MtaStsServer;
import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.outbound.testing.TestCa;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sender learns when a destination does not take a message, the whole path on loopback: a
 * message submitted with Angus Mail goes through the queue, an MX found in a dnsmasq zone and
 * Debian's Postfix. A refusal (5xx) comes back as an RFC 3464 report in the sender's INBOX, read
 * over IMAP; a deferral (4xx), an MX with nothing listening and an MTA-STS policy (RFC 8461) the MX
 * cannot meet leave the message queued with an attempt and a next try, as {@code mailvault queue
 * list} shows it, and no report yet (the delay warning is hours away).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeliveryFailuresTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "example.com";
  private static final String ALIAS = "writer@" + DOMAIN;
  private static final String PASSWORD = "a long enough password";
  private static final String REFUSING = "refuses@remote.test";
  private static final String DEFERRING = "defers@remote.test";
  private static final String UNREACHABLE = "someone@gone.test";

  /** A mailbox the peer would take, at a domain whose MTA-STS policy the peer cannot meet. */
  private static final String STS_PROTECTED = "someone@sts.test";

  private DnsmasqZone zone;
  private PostfixPeer peer;
  private MtaStsServer policies;
  private TestedNode node;
  private Path data;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    data = dir.resolve("d");
    CliProcess cli = TestedNode.cli(data, Map.of());
    assertThat(cli.run("domain", "add", DOMAIN).exitCode()).isZero();
    assertThat(
            cli.runWithInput(PASSWORD + "\n", "alias", "add", ALIAS, "--password-stdin").exitCode())
        .isZero();
    peer =
        new PostfixPeer(
                Files.createDirectories(dir.resolve("postfix")), "127.0.0.2", "mx.remote.test")
            .refuse(REFUSING, "550 5.7.1 we do not want it")
            .defer(DEFERRING, "451 4.3.0 come back later")
            .mailbox(STS_PROTECTED)
            .start();
    // sts.test enforces TLS to mx.remote.test (RFC 8461 §5), which offers no STARTTLS.
    TestCa ca = TestCa.create("Policy CA");
    policies =
        new MtaStsServer("127.0.0.1", ca.issue("mta-sts.sts.test"))
            .policy(
                "sts.test", "version: STSv1\nmode: enforce\nmx: mx.remote.test\nmax_age: 86400\n");
    // gone.test's MX is on an address where nothing listens on the peer's port.
    zone =
        new DnsmasqZone()
            .mx("remote.test", "mx.remote.test", 10)
            .host("mx.remote.test", "127.0.0.2")
            .mx("gone.test", "mx.gone.test", 10)
            .host("mx.gone.test", "127.0.0.3")
            .mx("sts.test", "mx.remote.test", 10)
            .txt("_mta-sts.sts.test", "v=STSv1; id=20261205")
            .host("mta-sts.sts.test", "127.0.0.1")
            .start(Files.createDirectories(dir.resolve("dns")));
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    for (Setting port :
        List.of(
            Setting.HTTP_PORT,
            Setting.HTTPS_PORT,
            Setting.IMAP_PORT,
            Setting.IMAPS_PORT,
            Setting.POP3_PORT,
            Setting.POP3S_PORT,
            Setting.MANAGESIEVE_PORT,
            Setting.SMTP_PORT,
            Setting.SUBMISSION_PORT,
            Setting.SUBMISSIONS_PORT)) {
      values.put(port, "0");
    }
    values.put(Setting.SMTP_HOSTNAME, "mail." + DOMAIN);
    values.put(Setting.DNS_RESOLVERS, zone.server());
    values.put(Setting.OUTBOUND_SMTP_PORT, Integer.toString(peer.port()));
    // The node's own delivery, but trusting the test CA and asking the policy server's port: the
    // node has no setting for either (MTA-STS policies are fetched from port 443, checked against
    // the JDK's CAs).
    DeliverySettings delivery =
        new DeliverySettings(
            "mail." + DOMAIN,
            peer.port(),
            policies.port(),
            2,
            Duration.ofSeconds(30),
            SmtpTimeouts.uniform(Duration.ofSeconds(30)),
            Duration.ZERO,
            Optional.of(ca.trustStore()));
    node =
        TestedNode.start(values, new SmtpTransmitter(zone.client(), delivery, Clock.systemUTC()));
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (policies != null) {
      policies.close();
    }
    if (zone != null) {
      zone.close();
    }
  }

  @Test
  void aRefusalComesBackAsAnRfc3464ReportInTheSendersInbox() throws Exception {
    submit(REFUSING, "refused-subject");

    ParsedDsn dsn =
        Awaitility.await("a report about " + REFUSING + " in INBOX")
            .atMost(60, TimeUnit.SECONDS)
            .pollInterval(250, TimeUnit.MILLISECONDS)
            .until(() -> reportAbout(REFUSING), Optional::isPresent)
            .orElseThrow();

    assertThat(dsn.message.getContentType())
        .startsWith("multipart/report")
        .contains("report-type=delivery-status");
    assertThat(dsn.contentType(1)).isEqualTo("message/delivery-status");
    assertThat(dsn.message.getRecipients(Message.RecipientType.TO))
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(ALIAS);
    assertThat(dsn.recipients).hasSize(1);
    assertThat(dsn.recipients.get(0).getHeader("Final-Recipient", null))
        .isEqualToIgnoringCase("rfc822; " + REFUSING);
    assertThat(dsn.recipients.get(0).getHeader("Action", null)).isEqualTo("failed");
    assertThat(dsn.recipients.get(0).getHeader("Status", null)).isEqualTo("5.7.1");
    assertThat(dsn.recipients.get(0).getHeader("Diagnostic-Code", null))
        .contains("550")
        .contains("we do not want it");
    // The original's header comes back, so the sender can tell which message failed.
    assertThat(dsn.returned).contains("refused-subject");
  }

  @Test
  void aDeferralLeavesTheMessageQueuedWithARetryAndNoReport() throws Exception {
    submit(DEFERRING, "deferred-subject");

    JsonNode recipient = awaitAttempted("remote.test");
    assertThat(recipient.path("state").asText()).isEqualTo("pending");
    assertThat(recipient.path("lastError").asText()).contains("4.3.0");
    assertThat(reportAbout(DEFERRING)).isEmpty();
  }

  @Test
  void anUnreachableMxIsDeferredLikeA4xx() throws Exception {
    submit(UNREACHABLE, "unreachable-subject");

    JsonNode recipient = awaitAttempted("gone.test");
    assertThat(recipient.path("state").asText()).isEqualTo("pending");
    assertThat(reportAbout(UNREACHABLE)).isEmpty();
  }

  @Test
  void anMtaStsPolicyThePeerCannotMeetDefersRatherThanSendingInTheClear() throws Exception {
    submit(STS_PROTECTED, "sts-subject");

    JsonNode recipient = awaitAttempted("sts.test");
    assertThat(recipient.path("state").asText()).isEqualTo("pending");
    assertThat(policies.requests("sts.test")).as("the policy was fetched").isPositive();
    assertThat(peer.messages(STS_PROTECTED)).as("nothing reached the peer").isEmpty();
    assertThat(reportAbout(STS_PROTECTED)).isEmpty();
  }

  /** Angus Mail's SMTP client, AUTH PLAIN on loopback, as a mail program submits. */
  private void submit(String recipient, String subject) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(node.submissionPort()));
    properties.put("mail.smtp.auth", "true");
    properties.put("mail.smtp.auth.mechanisms", "PLAIN");
    properties.put("mail.smtp.connectiontimeout", "20000");
    properties.put("mail.smtp.timeout", "20000");
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(ALIAS));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    message.setSubject(subject);
    message.setText("Hello " + recipient + ".\n", "UTF-8");
    Transport.send(message, ALIAS, PASSWORD);
  }

  /**
   * {@code mailvault queue list --json} through the running server's admin socket, until the one
   * recipient at {@code domain} was tried; that recipient's row, with a next try.
   */
  private JsonNode awaitAttempted(String domain) {
    JsonNode recipient =
        Awaitility.await("an attempt at " + domain + " in queue list")
            .atMost(60, TimeUnit.SECONDS)
            .pollInterval(500, TimeUnit.MILLISECONDS)
            .until(() -> queuedAt(domain), r -> r != null && r.path("attempts").asInt() >= 1);
    assertThat(recipient.path("nextAttempt").asText()).as("a next try").isNotBlank();
    return recipient;
  }

  private JsonNode queuedAt(String domain) throws Exception {
    CliProcess.Result list = TestedNode.cli(data, Map.of()).run("queue", "list", "--json");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    for (JsonNode item : JSON.readTree(list.stdout())) {
      for (JsonNode recipient : item.path("recipients")) {
        if (domain.equals(recipient.path("domain").asText())) {
          return recipient;
        }
      }
    }
    return null;
  }

  /** The report in INBOX whose Final-Recipient is {@code recipient}, if one came. */
  private Optional<ParsedDsn> reportAbout(String recipient) throws Exception {
    List<ParsedDsn> reports = new ArrayList<>();
    for (byte[] raw : new SenderInbox(node.imapPort(), ALIAS, PASSWORD).messages()) {
      String text = new String(raw, StandardCharsets.UTF_8);
      if (text.contains("multipart/report") && text.toLowerCase().contains(recipient)) {
        reports.add(ParsedDsn.parse(raw));
      }
    }
    assertThat(reports).as("reports about %s", recipient).hasSizeLessThanOrEqualTo(1);
    return reports.stream().findFirst();
  }
}
