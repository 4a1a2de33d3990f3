package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.store.spool.SpoolStore;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's Must-show with clients nobody here wrote: swaks, Python's smtplib and Angus Mail send
 * through the running node's MX (plain, STARTTLS, pipelining), and IMAP reads each message back
 * byte-exact below the Return-Path and Received fields the MX prepended; offline mail is sealed
 * into the spool and keeps its arrival time as INTERNALDATE when the next login drains it, live
 * mail goes straight into the INBOX of the session that IDLEs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealClientsTest {

  private static final String PASSWORD = "a long enough password";
  private static final String SENDER = "sender@far.example";

  /**
   * RFC 9051 §9 date-time, as INTERNALDATE comes back: date-day-fixed is {@code (SP DIGIT) /
   * 2DIGIT}, so the 1st-9th of a month is space-padded ({@code " 5-Dec-2026"}), which {@code pp}
   * reads.
   */
  private static final DateTimeFormatter INTERNALDATE =
      DateTimeFormatter.ofPattern("ppd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

  /** The python client: argv port, recipient, message file, CA file, mode (plain|starttls). */
  private static final String SMTPLIB =
      String.join(
          "\n",
          "import smtplib, ssl, sys",
          "port, rcpt, path, ca, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4],"
              + " sys.argv[5]",
          "data = open(path, 'rb').read()",
          "with smtplib.SMTP('127.0.0.1', port, local_hostname='client.example', timeout=20) as s:",
          "    s.ehlo()",
          "    if mode == 'starttls':",
          "        ctx = ssl.create_default_context(cafile=ca)",
          "        ctx.check_hostname = False",
          "        s.starttls(context=ctx)",
          "        s.ehlo()",
          "    refused = s.sendmail('"
              + SENDER
              + "', [rcpt], data, mail_options=['BODY=8BITMIME'])",
          "    if refused:",
          "        sys.exit('refused: ' + repr(refused))",
          "");

  private final AtomicInteger aliases = new AtomicInteger();
  private Path data;
  private TestedNode node;
  private AliasLifecycle lifecycle;
  private SpoolStore spool;
  private SSLContext trustGenerated;

  /** One way of handing a message to the MX. */
  private interface Client {
    void send(String recipient, byte[] message) throws Exception;
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    data = dir;
    Map<Setting, String> settings =
        Map.ofEntries(
            Map.entry(Setting.DATA, data.resolve("d").toString()),
            Map.entry(Setting.BIND, "127.0.0.1"),
            Map.entry(Setting.HTTP_PORT, "0"),
            Map.entry(Setting.HTTPS_PORT, "0"),
            Map.entry(Setting.IMAP_PORT, "0"),
            Map.entry(Setting.IMAPS_PORT, "0"),
            Map.entry(Setting.POP3_PORT, "0"),
            Map.entry(Setting.POP3S_PORT, "0"),
            Map.entry(Setting.MANAGESIEVE_PORT, "0"),
            Map.entry(Setting.SUBMISSION_PORT, "0"),
            Map.entry(Setting.SUBMISSIONS_PORT, "0"),
            Map.entry(Setting.SMTP_PORT, "0"),
            Map.entry(Setting.DNS_RESOLVERS, NoDns.RESOLVER));
    node = TestedNode.start(settings);
    node.directory().addDomain(EmailAddress.parse("hello@example.com").domain());
    spool = new SpoolStore(data.resolve("d/spool"));
    lifecycle = new AliasLifecycle(node.directory(), node.vaults(), spool);
    trustGenerated = trusting(node.tlsCertificate());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void swaksPlain() throws Exception {
    offline(swaks(), false);
  }

  @Test
  void swaksStartTls() throws Exception {
    offline(swaks("--tls"), true);
  }

  @Test
  void swaksPipelining() throws Exception {
    offline(swaks("--pipeline"), false);
  }

  @Test
  void swaksPipeliningOverStartTls() throws Exception {
    offline(swaks("--tls", "--pipeline"), true);
  }

  @Test
  void smtplibPlain() throws Exception {
    offline(smtplib("plain"), false);
  }

  @Test
  void smtplibStartTls() throws Exception {
    offline(smtplib("starttls"), true);
  }

  @Test
  void angusPlain() throws Exception {
    offline(angus(false), false);
  }

  @Test
  void angusStartTls() throws Exception {
    offline(angus(true), true);
  }

  @Test
  void angusChunkingSendsBdat() throws Exception {
    ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    // Angus 2.0.5 dot-stuffs BDAT content as if it were DATA (eclipse-ee4j/angus-mail#209): the
    // chunks carry the doubled dots, and a BDAT server must keep the counted octets as they are.
    offline(angus(false, 256, transcript), false, LoadSender::dotStuffed);
    // RFC 3030: the message went in several BDAT chunks, the last one marked LAST.
    assertThat(transcript.toString(StandardCharsets.UTF_8))
        .contains("BDAT 256")
        .contains(" LAST")
        .doesNotContain("\nDATA");
  }

  @Test
  void liveDeliveryReachesTheIdlingSessionFromEveryClient() throws Exception {
    assumeTrue(available("swaks") && available("python3"), "swaks and python3 are needed");
    try (NewAlias alias = newAlias()) {
      String address = alias.address().toString();
      List<byte[]> sent = new ArrayList<>();
      try (ImapProbe imap = ImapProbe.login(node.imapPort(), address, PASSWORD)) {
        assertThat(imap.selectInbox()).isZero();
        List<Client> clients =
            List.of(swaks("--tls", "--pipeline"), smtplib("starttls"), angus(true), angus(false));
        for (Client client : clients) {
          imap.idle();
          byte[] message = message(address, "live-" + sent.size());
          client.send(address, message);
          sent.add(message);
          // RFC 2177: the new message is announced to the IDLE-ing session.
          assertThat(imap.awaitExists()).isEqualTo(sent.size());
          imap.done();
          // Live delivery goes into the vault, not through the spool.
          assertThat(spool.list(alias.vaultId())).isEmpty();
        }
        List<ImapProbe.Fetched> fetched = imap.fetchAll();
        assertThat(fetched).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
          DeliveredMessage delivered = DeliveredMessage.of(fetched.get(i).body());
          assertThat(delivered.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">\r\n");
          assertThat(delivered.received()).contains("for <" + address + ">");
          assertThat(new String(delivered.original(), StandardCharsets.UTF_8))
              .isEqualTo(new String(sent.get(i), StandardCharsets.UTF_8));
          assertThat(delivered.original()).isEqualTo(sent.get(i));
        }
      }
    }
  }

  /**
   * Sends one message with {@code client} while nobody is logged in, checks it lies sealed in the
   * spool, then logs in after the clock has moved to a later second: the drained message is
   * byte-exact and its INTERNALDATE is the arrival, not the login.
   */
  private void offline(Client client, boolean tls) throws Exception {
    offline(client, tls, UnaryOperator.identity());
  }

  /**
   * As {@link #offline(Client, boolean)}, for a client that puts {@code onTheWire.apply(message)}
   * on the wire rather than the message itself.
   */
  private void offline(Client client, boolean tls, UnaryOperator<byte[]> onTheWire)
      throws Exception {
    try (NewAlias alias = newAlias()) {
      String address = alias.address().toString();
      String marker = "marker-" + address.substring(0, address.indexOf('@'));
      byte[] message = message(address, marker);

      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      client.send(address, message);
      Instant after = Instant.now();

      assertThat(spool.list(alias.vaultId())).hasSize(1);
      assertSpoolHidesText(alias.vaultId(), marker, address);
      // INTERNALDATE has whole seconds: log in only once the clock has left the arrival's second,
      // so that an INTERNALDATE set at login time could not pass for the arrival's.
      Instant arrivalSecond = after.truncatedTo(ChronoUnit.SECONDS);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(arrivalSecond));
      Instant login = Instant.now().truncatedTo(ChronoUnit.SECONDS);

      try (ImapProbe imap = ImapProbe.login(node.imapPort(), address, PASSWORD)) {
        assertThat(imap.selectInbox()).isEqualTo(1);
        List<ImapProbe.Fetched> fetched = imap.fetchAll();
        assertThat(fetched).hasSize(1);
        DeliveredMessage delivered = DeliveredMessage.of(fetched.get(0).body());
        assertThat(delivered.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">\r\n");
        // ADR 0206: the MX's own results, whatever the far domain's DNS says.
        assertThat(delivered.authenticationResults()).startsWith("Authentication-Results: ");
        assertThat(delivered.received())
            .startsWith("Received: from client.example ([127.0.0.1])")
            .contains("for <" + address + ">")
            .contains(tls ? " with ESMTPS id " : " with ESMTP id ");
        if (tls) {
          assertThat(delivered.received()).contains("(using TLSv1.");
        }
        byte[] expected = onTheWire.apply(message);
        assertThat(new String(delivered.original(), StandardCharsets.UTF_8))
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(delivered.original()).isEqualTo(expected);
        Instant internalDate =
            ZonedDateTime.parse(fetched.get(0).internalDate(), INTERNALDATE).toInstant();
        assertThat(internalDate).isBetween(before, after).isBefore(login);
      }
      // The login drained the spool.
      assertThat(spool.list(alias.vaultId())).isEmpty();
    }
  }

  private void assertSpoolHidesText(String vaultId, String marker, String address)
      throws IOException {
    String local = address.substring(0, address.indexOf('@'));
    try (Stream<Path> files = Files.walk(spool.folderOf(vaultId))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).doesNotContain(marker).doesNotContain(local).doesNotContain(SENDER);
        assertThat(file.toString()).doesNotContain(local);
      }
    }
  }

  private NewAlias newAlias() throws Exception {
    EmailAddress address =
        EmailAddress.parse("client" + aliases.incrementAndGet() + "@example.com");
    return lifecycle.create(address, PASSWORD.toCharArray());
  }

  /**
   * A message with what SMTP must carry exactly: lines that start with dots (RFC 5321 §4.5.2
   * transparency), an empty line inside the body, a long line, 8-bit UTF-8 text and a final CRLF.
   */
  private static byte[] message(String to, String marker) {
    String text =
        "From: Sender <"
            + SENDER
            + ">\r\n"
            + "To: <"
            + to
            + ">\r\n"
            + "Subject: "
            + marker
            + "\r\n"
            + "Message-ID: <"
            + marker
            + "@far.example>\r\n"
            + "Date: Mon, 23 Nov 2026 01:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Body of "
            + marker
            + ".\r\n"
            + ".\r\n"
            + "..two dots\r\n"
            + ". a dot and a space\r\n"
            + "\r\n"
            + "Grüße, ünïcödé ✓\r\n"
            + "x".repeat(700)
            + "\r\n"
            + "end\r\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Client swaks(String... options) {
    return (recipient, message) -> {
      assumeTrue(available("swaks"), "swaks is not installed");
      Path file = Files.createTempFile(data, "msg", ".eml");
      // swaks always ends the data with CRLF "." CRLF itself, so it gets the message without its
      // final CRLF (and turns any lone LF into CRLF, which the message has none of).
      Files.write(file, Arrays.copyOf(message, message.length - 2));
      List<String> command =
          new ArrayList<>(
              List.of(
                  "swaks",
                  "--server",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(node.smtpPort()),
                  "--helo",
                  "client.example",
                  "--from",
                  SENDER,
                  "--to",
                  recipient,
                  "--timeout",
                  "20",
                  "--data",
                  "@" + file));
      command.addAll(List.of(options));
      run(command);
    };
  }

  private Client smtplib(String mode) {
    return (recipient, message) -> {
      assumeTrue(available("python3"), "python3 is not installed");
      Path file = Files.createTempFile(data, "msg", ".eml");
      Files.write(file, message);
      run(
          List.of(
              "python3",
              "-c",
              SMTPLIB,
              Integer.toString(node.smtpPort()),
              recipient,
              file.toString(),
              node.tlsCertificate().toString(),
              mode));
    };
  }

  private Client angus(boolean startTls) {
    return angus(startTls, 0, null);
  }

  /**
   * Angus Mail's SMTP transport; with {@code chunkSize} above zero it sends BDAT chunks of that
   * size ({@code mail.smtp.chunksize}), and with a {@code transcript} it records the dialogue.
   */
  private Client angus(boolean startTls, int chunkSize, ByteArrayOutputStream transcript) {
    return (recipient, message) -> {
      Properties properties = new Properties();
      properties.put("mail.smtp.host", "127.0.0.1");
      properties.put("mail.smtp.port", Integer.toString(node.smtpPort()));
      properties.put("mail.smtp.localhost", "client.example");
      properties.put("mail.smtp.from", SENDER);
      properties.put("mail.smtp.connectiontimeout", "20000");
      properties.put("mail.smtp.timeout", "20000");
      if (startTls) {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", trustGenerated.getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
      }
      if (chunkSize > 0) {
        properties.put("mail.smtp.chunksize", Integer.toString(chunkSize));
      }
      Session session = Session.getInstance(properties);
      if (transcript != null) {
        session.setDebugOut(new PrintStream(transcript, true, StandardCharsets.UTF_8));
        session.setDebug(true);
      }
      // Parsed, not built: sendMessage writes the bytes as they came (no saveChanges rewriting).
      MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message));
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        transport.sendMessage(mime, new Address[] {new InternetAddress(recipient)});
      }
    };
  }

  private void run(List<String> command) throws Exception {
    Path log = Files.createTempFile(data, "client", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
      assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  private static boolean available(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static SSLContext trusting(Path pem) throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(pem)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
