package dev.mailvault.server.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sieve at the MX through the whole node (ADR 0252): an offline alias's {@code fileinto} lands in
 * its folder at the next login with the flags the script set, and no spool file shows the folder;
 * {@code reject} is a 550 5.7.1; {@code redirect} sends the message on through the queue instead of
 * keeping it; {@code vacation} answers a sender once per {@code :days}, through the queue.
 */
class SieveDeliveryNodeTest {

  private static final String ALIAS = "hello@example.com";
  private static final String FRIEND = "carol@example.com";
  private static final String PASSWORD = "a long enough password";

  @TempDir Path data;
  private TestedNode node;

  @BeforeEach
  void start() throws Exception {
    // Every recipient here is local; the checks of arriving mail ask no real resolver.
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.com");
    node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
    AliasLifecycle aliases =
        new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")));
    aliases.create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray()).close();
    aliases.create(EmailAddress.parse(FRIEND), PASSWORD.toCharArray()).close();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private void activate(String script) throws Exception {
    EmailAddress alias = EmailAddress.parse(ALIAS);
    node.directory().putSieveScript(alias, "main", script);
    node.directory().setActiveSieveScript(alias, Optional.of("main"));
  }

  @Test
  void anOfflineFileintoLandsInItsFolderAtLoginAndNoSpoolFileShowsTheFolder() throws Exception {
    activate(
        """
        require ["fileinto", "mailbox", "imap4flags"];
        if header :contains "subject" "report" {
          addflag "$Quokkareport";
          fileinto :create "Quokkaville/Reports";
        }
        """);

    assertThat(send("someone@far.example", ALIAS, "Weekly report")).startsWith("250 ");
    assertThat(send("someone@far.example", ALIAS, "Lunch")).startsWith("250 ");

    List<Path> spooled = files(data.resolve("spool"));
    assertThat(spooled).isNotEmpty();
    for (Path file : spooled) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes).doesNotContainIgnoringCase("Quokka");
    }
    try (ImapClient imap = ImapClient.login(node.imapPort(), ALIAS, PASSWORD)) {
      assertThat(imap.select("INBOX")).isEqualTo(1);
      assertThat(imap.select("Quokkaville/Reports")).isEqualTo(1);
      assertThat(imap.command("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
          .contains("$Quokkareport")
          .contains("Weekly report");
      assertThat(imap.command("LSUB \"\" \"Quokkaville/*\"")).contains("Quokkaville/Reports");
    }
  }

  @Test
  void aLiveFileintoLandsAtOnce() throws Exception {
    activate("require \"fileinto\"; fileinto \"Archive\";");
    try (ImapClient imap = ImapClient.login(node.imapPort(), ALIAS, PASSWORD)) {
      assertThat(send("someone@far.example", ALIAS, "Now")).startsWith("250 ");
      assertThat(imap.select("Archive")).isEqualTo(1);
      assertThat(imap.select("INBOX")).isZero();
    }
  }

  @Test
  void rejectIsRefusedInTheProtocolWithTheScriptsReason() throws Exception {
    activate("require \"reject\"; reject \"I no longer read this address.\";");

    assertThat(send("someone@far.example", ALIAS, "Hello"))
        .isEqualTo("550 5.7.1 I no longer read this address.");
    try (ImapClient imap = ImapClient.login(node.imapPort(), ALIAS, PASSWORD)) {
      assertThat(imap.select("INBOX")).isZero();
    }
  }

  @Test
  void redirectSendsTheMessageOnInsteadOfKeepingIt() throws Exception {
    activate("redirect \"" + FRIEND + "\";");

    assertThat(send("someone@far.example", ALIAS, "Pass it on")).startsWith("250 ");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.outboundQueue().size() == 0 && inboxOf(FRIEND).size() == 1);
    assertThat(inboxOf(FRIEND).get(0))
        .contains("Subject: Pass it on")
        .contains("Delivered-To: " + ALIAS);
    assertThat(inboxOf(ALIAS)).isEmpty();
  }

  @Test
  void mailTheQueueDeliversToALocalAliasPassesThatAliasesScriptToo() throws Exception {
    activate("redirect \"" + FRIEND + "\";");
    EmailAddress friend = EmailAddress.parse(FRIEND);
    node.directory()
        .putSieveScript(
            friend, "main", "require [\"fileinto\", \"mailbox\"]; fileinto :create \"Via hello\";");
    node.directory().setActiveSieveScript(friend, Optional.of("main"));

    assertThat(send("someone@far.example", ALIAS, "Pass it on")).startsWith("250 ");

    await().atMost(Duration.ofSeconds(30)).until(() -> node.outboundQueue().size() == 0);
    try (ImapClient imap = ImapClient.login(node.imapPort(), FRIEND, PASSWORD)) {
      assertThat(imap.select("INBOX")).isZero();
      assertThat(imap.select("Via hello")).isEqualTo(1);
    }
  }

  @Test
  void vacationAnswersEachSenderOncePerDays() throws Exception {
    activate(
        """
        require "vacation";
        vacation :days 7 :subject "Away until Monday" "I am away; your mail waits for me.";
        """);

    assertThat(send(FRIEND, ALIAS, "First")).startsWith("250 ");
    // The reply is queued before the 250: once the queue is empty it has been delivered.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.outboundQueue().size() == 0 && inboxOf(FRIEND).size() == 1);
    assertThat(send(FRIEND, ALIAS, "Second")).startsWith("250 ");
    await().atMost(Duration.ofSeconds(30)).until(() -> node.outboundQueue().size() == 0);

    List<String> replies = inboxOf(FRIEND);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0))
        .contains("Subject: Away until Monday")
        .contains("Auto-Submitted: auto-replied")
        .contains("In-Reply-To: <first@far.example>")
        .contains("I am away; your mail waits for me.");
    assertThat(inboxOf(ALIAS)).hasSize(2);
  }

  private List<String> inboxOf(String alias) {
    try (ImapClient imap = ImapClient.login(node.imapPort(), alias, PASSWORD)) {
      int count = imap.select("INBOX");
      List<String> bodies = new ArrayList<>();
      for (int n = 1; n <= count; n++) {
        bodies.add(imap.command("FETCH " + n + " BODY.PEEK[]"));
      }
      return bodies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /** One message over the MX; returns the reply to the end of DATA. */
  private String send(String from, String to, String subject) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.smtpPort())) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      assertThat(command(in, out, "EHLO client.test")).startsWith("250 ");
      assertThat(command(in, out, "MAIL FROM:<" + from + ">")).startsWith("250 ");
      assertThat(command(in, out, "RCPT TO:<" + to + ">")).startsWith("250 ");
      assertThat(command(in, out, "DATA")).startsWith("354 ");
      String id = subject.toLowerCase().replace(' ', '-');
      return command(
          in,
          out,
          "From: <"
              + from
              + ">\r\nTo: <"
              + to
              + ">\r\nSubject: "
              + subject
              + "\r\nMessage-ID: <"
              + id
              + "@far.example>\r\n\r\nhi\r\n.");
    }
  }

  private static String command(BufferedReader in, OutputStream out, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = in.readLine();
    while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
      reply = in.readLine();
    }
    return reply;
  }
}
