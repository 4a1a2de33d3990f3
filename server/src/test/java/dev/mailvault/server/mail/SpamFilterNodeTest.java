package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.mailauth.testing.RspamdDaemon;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.metrics.Exposition;
import dev.mailvault.smtp.session.SpamFilter;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's Must-show through the whole node, with a real rspamd from Debian on loopback (test
 * config: GTUBE, a multimap rule on {@code X-Mailvault-Test}, per-user Bayes) and clients nobody
 * here wrote (swaks sends, Python's imaplib moves): GTUBE is refused with 550 5.7.1; a message with
 * the test header lands in Junk with our spam headers, offline (the decision sealed with it and
 * applied at the login's drain) and live; a clean one lands in INBOX with forged spam headers gone;
 * a Sieve rule sees the headers, and one that files into Junk teaches spam; with rspamd stopped
 * mail is still accepted and delivered and a warning is logged; moving into Junk and out of it
 * teaches rspamd spam and ham for the alias, and the data directory holds no plaintext afterwards.
 */
class SpamFilterNodeTest {

  private static final String ALIAS = "hello@example.com";
  private static final String PASSWORD = "a long enough password";
  private static final String SENDER = "someone@far.example";
  private static final String GTUBE =
      "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
  private static final Duration EVENTUALLY = Duration.ofSeconds(60);

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path rspamdDir;

  /** Where the clients run: their transcripts quote the messages, so not in a data directory. */
  @TempDir static Path clients;

  private static RspamdDaemon rspamd;

  @BeforeAll
  static void startRspamd() throws Exception {
    assumeTrue(RspamdDaemon.available(), "rspamd and redis-server are needed (.ci/run installs)");
    assumeTrue(ExternalProgram.installed("swaks"), "swaks is needed (.ci/run installs)");
    rspamd = RspamdDaemon.start(rspamdDir);
  }

  @AfterAll
  static void stopRspamd() throws Exception {
    if (rspamd != null) {
      rspamd.close();
    }
  }

  @Test
  void gtubeIsRefusedWith550AndNothingIsKept(@TempDir Path data) throws Exception {
    try (TestedNode node = start(data, rspamd)) {
      assertThat(swaks(node, "GTUBE test", Map.of(), GTUBE)).startsWith("550 5.7.1 ");
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.selectInbox()).isZero();
        assertThat(imap.select("Junk")).isZero();
      }
      // ADR 0256: the refusal is counted where Prometheus scrapes.
      assertThat(spamMessages(node, "refused")).isEqualTo(1);
      assertThat(spamMessages(node, "checked")).isEqualTo(1);
    }
  }

  @Test
  void spamLandsInJunkWithOurHeadersOfflineAndLiveAndCleanMailInInbox(@TempDir Path data)
      throws Exception {
    try (TestedNode node = start(data, rspamd)) {
      assertThat(swaks(node, "offline spam", Map.of("X-Mailvault-Test", "spam"), "Buy."))
          .startsWith("250 ");
      // A forged verdict from the sender: removed, and ours says otherwise.
      assertThat(
              swaks(
                  node,
                  "clean",
                  Map.of("X-Spam-Flag", "NO-forged", "X-Spam-Status", "No, forged"),
                  "Lunch at noon?"))
          .startsWith("250 ");

      // The login drains both sealed items: the Junk decision travelled with the message.
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.select("Junk")).isEqualTo(1);
        assertThat(bodies(imap))
            .singleElement()
            .asString()
            .contains("X-Spam-Flag: YES", "X-Spam-Status: Yes, score=", "MAILVAULT_TEST_SPAM(")
            .contains("offline spam");
        assertThat(imap.selectInbox()).isEqualTo(1);
        assertThat(bodies(imap))
            .singleElement()
            .asString()
            .contains("X-Spam-Status: No, score=", "Lunch at noon?")
            .doesNotContain("forged", "X-Spam-Flag");

        // With the session open the delivery appends live, into Junk too.
        assertThat(swaks(node, "live spam", Map.of("X-Mailvault-Test", "spam"), "Buy."))
            .startsWith("250 ");
        assertThat(imap.select("Junk")).isEqualTo(2);
        assertThat(imap.selectInbox()).isEqualTo(1);
      }
    }
  }

  @Test
  void aSieveRuleSeesTheSpamHeaders(@TempDir Path data) throws Exception {
    try (TestedNode node = start(data, rspamd)) {
      EmailAddress alias = EmailAddress.parse(ALIAS);
      node.directory()
          .putSieveScript(
              alias,
              "main",
              """
              require ["fileinto", "mailbox"];
              if header :contains "X-Spam-Status" "Yes" { fileinto :create "Suspicious"; }
              """);
      node.directory().setActiveSieveScript(alias, Optional.of("main"));

      assertThat(swaks(node, "spam", Map.of("X-Mailvault-Test", "spam"), "Buy."))
          .startsWith("250 ");
      assertThat(swaks(node, "clean", Map.of(), "Hello.")).startsWith("250 ");
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.select("Suspicious")).isEqualTo(1);
        assertThat(imap.select("Junk")).isZero();
        assertThat(imap.selectInbox()).isEqualTo(1);
      }
    }
  }

  @Test
  void aSieveRuleFilingIntoJunkTeachesSpam(@TempDir Path data) throws Exception {
    try (TestedNode node = start(data, rspamd)) {
      EmailAddress alias = EmailAddress.parse(ALIAS);
      String vaultId = node.directory().findAlias(alias).orElseThrow().vaultId();
      node.directory()
          .putSieveScript(
              alias,
              "main",
              """
              require "fileinto";
              if header :contains "subject" "newsletter" { fileinto "Junk"; }
              """);
      node.directory().setActiveSieveScript(alias, Optional.of("main"));

      assertThat(swaks(node, "weekly newsletter", Map.of(), "Ten wombat facts this week."))
          .startsWith("250 ");
      await().atMost(EVENTUALLY).until(() -> rspamd.learns(vaultId, SpamLearning.Lesson.SPAM) == 1);
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.select("Junk")).isEqualTo(1);
      }
    }
  }

  @Test
  void withRspamdStoppedMailIsStillAcceptedAndDeliveredWithAWarning(
      @TempDir Path data, @TempDir Path ownRspamd) throws Exception {
    try (RspamdDaemon own = RspamdDaemon.start(ownRspamd);
        TestedNode node = start(data, own)) {
      assertThat(swaks(node, "before", Map.of(), "Hello.")).startsWith("250 ");
      own.stopRspamd();

      Logger logger = (Logger) LoggerFactory.getLogger(SpamFilter.class);
      ListAppender<ILoggingEvent> log = new ListAppender<>();
      log.start();
      logger.addAppender(log);
      try {
        assertThat(swaks(node, "during the outage", Map.of("X-Mailvault-Test", "spam"), "x"))
            .startsWith("250 ");
      } finally {
        logger.detachAppender(log);
      }
      assertThat(spamMessages(node, "failed_open")).isEqualTo(1);
      assertThat(log.list)
          .anySatisfy(
              event -> {
                assertThat(event.getLevel().toString()).isEqualTo("WARN");
                assertThat(event.getFormattedMessage()).contains("accepted unfiltered");
              })
          .allSatisfy(
              event ->
                  assertThat(event.getFormattedMessage()).doesNotContain(ALIAS, SENDER, "outage"));
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
        assertThat(imap.selectInbox()).isEqualTo(2);
        assertThat(bodies(imap))
            .anySatisfy(body -> assertThat(body).contains("X-Spam-Status: No", "before"))
            .anySatisfy(
                body ->
                    assertThat(body).contains("during the outage").doesNotContain("X-Spam-Status"));
      }
    }
  }

  @Test
  void movingIntoJunkAndOutTeachesRspamdSpamAndHamForTheAlias(@TempDir Path data) throws Exception {
    assumeTrue(ExternalProgram.installed("python3"), "python3 is needed");
    try (TestedNode node = start(data, rspamd)) {
      String vaultId =
          node.directory().findAlias(EmailAddress.parse(ALIAS)).orElseThrow().vaultId();
      long learnedBefore = rspamd.stat().get("learned").asLong();
      assertThat(
              swaks(
                  node,
                  "quokka offer",
                  Map.of(),
                  "Quokka tokens at half price, only today, quokka quokka."))
          .startsWith("250 ");

      assertThat(imaplibMove(node, "INBOX", "Junk")).contains("OK");
      await().atMost(EVENTUALLY).until(() -> rspamd.learns(vaultId, SpamLearning.Lesson.SPAM) == 1);
      assertThat(rspamd.stat().get("learned").asLong()).isGreaterThan(learnedBefore);

      assertThat(imaplibMove(node, "Junk", "INBOX")).contains("OK");
      await().atMost(EVENTUALLY).until(() -> rspamd.learns(vaultId, SpamLearning.Lesson.HAM) == 1);

      assertNoPlaintextOutsideTheVaults(data, List.of("Quokka", "quokka", SENDER, "far.example"));
    }
  }

  private static TestedNode start(Path data, RspamdDaemon daemon) throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.com");
    values.put(Setting.SPAM_ENABLED, "true");
    values.put(Setting.SPAM_RSPAMD_URL, daemon.scanner().toString());
    values.put(Setting.SPAM_RSPAMD_CONTROLLER_URL, daemon.controller().toString());
    values.put(Setting.SPAM_TIMEOUT_SECONDS, "10");
    TestedNode node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray())
        .close();
    return node;
  }

  /**
   * Sends one message with swaks (a client nobody here wrote) and returns the server's reply to the
   * end of its data.
   */
  private static String swaks(
      TestedNode node, String subject, Map<String, String> headers, String body) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "swaks",
            "--server",
            "127.0.0.1",
            "--port",
            Integer.toString(node.smtpPort()),
            "--ehlo",
            "client.far.example",
            "--from",
            SENDER,
            "--to",
            ALIAS,
            "--header",
            "Subject: " + subject,
            "--body",
            body));
    headers.forEach((name, value) -> command.addAll(List.of("--add-header", name + ": " + value)));
    String transcript = ExternalProgram.run(clients, Map.of(), TIMEOUT, command).output();
    // swaks marks what the server said with "<-" (accepted) or "<**" (refused); the last such
    // line before QUIT answers the end of the data.
    String reply = null;
    for (String line : transcript.split("\n")) {
      if (line.contains("QUIT")) {
        break;
      }
      if (line.startsWith("<-  ") || line.startsWith("<** ")) {
        reply = line.substring(4).trim();
      }
    }
    assertThat(reply).as(transcript).isNotNull();
    return reply;
  }

  /** Moves every message of {@code from} to {@code to} with Python's imaplib (UID MOVE). */
  private static String imaplibMove(TestedNode node, String from, String to) throws Exception {
    String script =
        String.join(
            "\n",
            "import imaplib, sys",
            "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
            "m.login(sys.argv[2], sys.argv[3])",
            "m.select(sys.argv[4])",
            "typ, data = m.uid('MOVE', '1:*', sys.argv[5])",
            "print(typ)",
            "m.logout()");
    return ExternalProgram.run(
            clients,
            Map.of(),
            TIMEOUT,
            List.of(
                "python3",
                "-c",
                script,
                Integer.toString(node.imapPort()),
                ALIAS,
                PASSWORD,
                from,
                to))
        .output();
  }

  /** The node's {@code mailvault_spam_messages_total} for {@code outcome}, from /metrics. */
  private static double spamMessages(TestedNode node, String outcome) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    return Exposition.parse(metrics.body())
        .value("mailvault_spam_messages_total", "outcome", outcome);
  }

  private static List<String> bodies(ImapProbe imap) throws Exception {
    return imap.fetchAll().stream()
        .map(fetched -> new String(fetched.body(), StandardCharsets.US_ASCII))
        .toList();
  }

  /**
   * Every regular file of the data directory but the vaults, read whole: none holds the message's
   * text or its sender. Learning sends the message to rspamd and keeps nothing here.
   */
  private static void assertNoPlaintextOutsideTheVaults(Path data, List<String> forbidden)
      throws IOException {
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(data.resolve("vaults")))
              .toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String text : forbidden) {
          assertThat(bytes.contains(text))
              .as("%s holds '%s' in plaintext", data.relativize(file), text)
              .isFalse();
        }
        scanned.add(file);
      }
    }
    assertThat(scanned).as("the directory database was scanned").isNotEmpty();
  }
}
