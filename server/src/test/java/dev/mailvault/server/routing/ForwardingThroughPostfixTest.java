package dev.mailvault.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's Must-show for routing, the whole path on loopback: mail from outside reaches the MX;
 * aliases in forward and both modes pass it through the queue to Debian's Postfix (found in a
 * dnsmasq zone) byte for byte below our trace fields, with an SRS sender and its DKIM signature
 * intact (dkimpy verifies it); a bounce, whether our queue makes it or it comes back to the MX for
 * the SRS address, reaches the original sender; forged SRS addresses, loops, catch-all and domain
 * forwards behave as ADR 0240-0243 say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ForwardingThroughPostfixTest {

  private static final String DOMAIN = "example.com";

  /** Signs stdin with dkimpy under remote.test's test key (argv: key file). */
  private static final String DKIMSIGN =
      String.join(
          "\n",
          "import sys, dkim",
          "message = sys.stdin.buffer.read()",
          "key = open(sys.argv[1], 'rb').read()",
          "sig = dkim.sign(message, b'sel', b'remote.test', key,",
          "    include_headers=[b'from', b'to', b'subject', b'message-id'])",
          "sys.stdout.buffer.write(sig + message)",
          "");

  /** dkimpy's verdict on stdin's first signature, keys from the test zone (argv: host, port). */
  private static final String DKIMVERIFY =
      String.join(
          "\n",
          "import sys, dkim, dns.resolver",
          "resolver = dns.resolver.Resolver(configure=False)",
          "resolver.nameservers = [sys.argv[1]]",
          "resolver.port = int(sys.argv[2])",
          "def dnsfunc(name, timeout=5):",
          "    name = name.decode() if isinstance(name, bytes) else name",
          "    try:",
          "        answer = resolver.resolve(name, 'TXT')",
          "    except Exception:",
          "        return None",
          "    return b''.join(answer[0].strings)",
          "print('pass' if dkim.verify(sys.stdin.buffer.read(), dnsfunc=dnsfunc) else 'fail')",
          "");

  private Path work;
  private Path data;
  private Path dkimKey;
  private DnsmasqZone zone;
  private PostfixPeer peer;
  private TestedNode node;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    work = dir;
    data = dir.resolve("d");
    CliProcess cli = TestedNode.cli(data, Map.of("MAILVAULT_SMTP_HOSTNAME", "mail." + DOMAIN));
    run(cli, "domain", "add", DOMAIN);
    run(cli, "domain", "add", "old.example");
    for (String alias :
        List.of("fwd", "both", "bouncer", "keeper", "catchall", "loop-a", "loop-b")) {
      run(cli, "alias", "add", alias + "@" + DOMAIN);
    }
    run(cli, "alias", "mode", "fwd@" + DOMAIN, "forward");
    run(cli, "alias", "forward", "fwd@" + DOMAIN, "add", "rcpt@remote.test");
    run(cli, "alias", "mode", "both@" + DOMAIN, "both");
    run(cli, "alias", "forward", "both@" + DOMAIN, "add", "copy@remote.test");
    run(cli, "alias", "mode", "bouncer@" + DOMAIN, "forward");
    run(cli, "alias", "forward", "bouncer@" + DOMAIN, "add", "nobody@remote.test");
    run(cli, "alias", "mode", "loop-a@" + DOMAIN, "forward");
    run(cli, "alias", "forward", "loop-a@" + DOMAIN, "add", "loop-b@" + DOMAIN);
    run(cli, "alias", "mode", "loop-b@" + DOMAIN, "forward");
    run(cli, "alias", "forward", "loop-b@" + DOMAIN, "add", "loop-a@" + DOMAIN);
    run(cli, "domain", "catch-all", DOMAIN, "catchall@" + DOMAIN);
    run(cli, "domain", "forward", "old.example", "remote.test");

    dkimKey = dir.resolve("dkim.pem");
    exec(List.of("openssl", "genrsa", "-traditional", "-out", dkimKey.toString(), "2048"), null);
    byte[] publicKey =
        exec(
            List.of("openssl", "rsa", "-in", dkimKey.toString(), "-pubout", "-outform", "DER"),
            null);
    zone =
        new DnsmasqZone()
            .mx("remote.test", "mx.remote.test", 10)
            .host("mx.remote.test", "127.0.0.2")
            .txt(
                "sel._domainkey.remote.test",
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey))
            .start(Files.createDirectories(dir.resolve("dns")));
    PostfixPeer configured =
        new PostfixPeer(
                Files.createDirectories(dir.resolve("postfix")), "127.0.0.2", "mx.remote.test")
            .refuse("nobody@remote.test", "550 5.1.1 no such user here");
    for (String mailbox :
        List.of("rcpt", "copy", "sender", "sender2", "sender3", "sender4", "someone")) {
      configured.mailbox(mailbox + "@remote.test");
    }
    peer = configured.start();

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
    values.put(Setting.SMTP_MAX_RECEIVED, "5");
    node = TestedNode.start(values);
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (zone != null) {
      zone.close();
    }
  }

  @Test
  void aForwardOnlyMessageArrivesIntactWithAnSrsSenderAndIsNeverStored() throws Exception {
    byte[] vaultBefore = vaultFile("fwd");
    String original = signed(message("sender@remote.test", "fwd@" + DOMAIN, "forward only"));

    List<String> replies =
        MxClient.send(node.smtpPort(), "sender@remote.test", List.of("fwd@" + DOMAIN), original);
    assertThat(replies).last().asString().startsWith("250 ");

    String delivered = awaitMessage("rcpt@remote.test", "forward only");
    // Byte for byte below the trace fields: Postfix's and ours on top, nothing else changed.
    assertThat(delivered).endsWith(original);
    String above = delivered.substring(0, delivered.length() - original.length());
    assertThat(above.lines().filter(l -> !l.startsWith("\t") && !l.startsWith(" ")))
        .allMatch(
            l -> l.matches("(Return-Path|X-Original-To|Delivered-To|Received): .*"),
            "only trace fields");
    assertThat(above).contains("Delivered-To: fwd@" + DOMAIN);
    assertThat(returnPath(delivered))
        .matches("SRS0=[^=]{4}=[A-Z2-7]{2}=remote\\.test=sender@example\\.com");
    assertThat(dkimVerify(delivered)).isEqualTo("pass");

    String vaultId = vaultId("fwd");
    try (SpoolStore spool = new SpoolStore(data.resolve("spool"))) {
      assertThat(spool.list(vaultId)).isEmpty();
    }
    assertThat(vaultFile("fwd")).isEqualTo(vaultBefore);
  }

  @Test
  void storeAndForwardKeepsOneCopyAndSendsOne() throws Exception {
    String original = message("sender@remote.test", "both@" + DOMAIN, "store and forward");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender@remote.test", List.of("both@" + DOMAIN), original))
        .last()
        .asString()
        .startsWith("250 ");
    assertThat(awaitMessage("copy@remote.test", "store and forward")).endsWith(original);
    try (SpoolStore spool = new SpoolStore(data.resolve("spool"))) {
      assertThat(spool.list(vaultId("both"))).hasSize(1);
    }
    assertThat(node.outboundQueue().size()).isZero();
  }

  @Test
  void theQueuesBounceOfARefusedForwardReachesTheOriginalSender() throws Exception {
    String original = message("sender3@remote.test", "bouncer@" + DOMAIN, "will bounce");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender3@remote.test", List.of("bouncer@" + DOMAIN), original))
        .last()
        .asString()
        .startsWith("250 ");
    // Postfix refuses nobody@remote.test; our queue reports to the SRS sender, which it reverses.
    String bounce = awaitMessage("sender3@remote.test", "");
    assertThat(bounce).contains("nobody@remote.test").contains("5.1.1");
    assertThat(returnPath(bounce)).isEmpty();
  }

  @Test
  void aBounceToTheSrsAddressAtTheMxReachesTheOriginalSender() throws Exception {
    String original = message("sender2@remote.test", "fwd@" + DOMAIN, "bounce me later");
    MxClient.send(node.smtpPort(), "sender2@remote.test", List.of("fwd@" + DOMAIN), original);
    String srs = returnPath(awaitMessage("rcpt@remote.test", "bounce me later"));
    String dsn =
        "From: MAILER-DAEMON@mx.remote.test\r\nTo: "
            + srs
            + "\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nThe mailbox is full.\r\n";

    assertThat(MxClient.send(node.smtpPort(), "", List.of(srs), dsn))
        .last()
        .asString()
        .startsWith("250 ");
    String returned = awaitMessage("sender2@remote.test", "Undelivered Mail");
    assertThat(returned).endsWith(dsn);
    assertThat(returnPath(returned)).isEmpty();
  }

  @Test
  void aForgedSrsAddressIsRefused() throws Exception {
    List<String> replies =
        MxClient.send(
            node.smtpPort(),
            "",
            List.of("SRS0=AAAA=AA=remote.test=sender@" + DOMAIN),
            message("x@remote.test", "y@" + DOMAIN, "forged"));
    assertThat(replies.get(1)).startsWith("550 5.1.1");
  }

  @Test
  void loopsAreRefusedWith554() throws Exception {
    String deliveredBefore =
        "Delivered-To: someone@elsewhere.test\r\nDelivered-To: FWD@example.com\r\n"
            + message("sender@remote.test", "fwd@" + DOMAIN, "loop");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender@remote.test", List.of("fwd@" + DOMAIN), deliveredBefore))
        .last()
        .asString()
        .startsWith("554 5.4.6");

    StringBuilder hops = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      hops.append("Received: from hop").append(i).append(".test by hop.test; today\r\n");
    }
    String tooFar = hops + message("sender@remote.test", "keeper@" + DOMAIN, "six hops");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender@remote.test", List.of("keeper@" + DOMAIN), tooFar))
        .last()
        .asString()
        .startsWith("554 5.4.6");
    String fiveHops = tooFar.substring(tooFar.indexOf("\r\n") + 2);
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender@remote.test", List.of("keeper@" + DOMAIN), fiveHops))
        .last()
        .asString()
        .startsWith("250 ");
  }

  @Test
  void twoAliasesForwardingToEachOtherEndInABounceToTheSender() throws Exception {
    String original = message("sender4@remote.test", "loop-a@" + DOMAIN, "ping pong");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender4@remote.test", List.of("loop-a@" + DOMAIN), original))
        .last()
        .asString()
        .startsWith("250 ");
    // loop-a -> loop-b -> loop-a: the second arrival at loop-a carries its Delivered-To.
    String bounce = awaitMessage("sender4@remote.test", "");
    assertThat(bounce).contains("5.4.6");
    assertThat(returnPath(bounce)).isEmpty();
    for (String alias : List.of("loop-a", "loop-b")) {
      try (SpoolStore spool = new SpoolStore(data.resolve("spool"))) {
        assertThat(spool.list(vaultId(alias))).as(alias).isEmpty();
      }
    }
  }

  @Test
  void theCatchAllTakesUnknownLocalPartsAndADomainForwardRelaysThem() throws Exception {
    assertThat(
            MxClient.send(
                node.smtpPort(),
                "sender@remote.test",
                List.of("whoever@" + DOMAIN),
                message("sender@remote.test", "whoever@" + DOMAIN, "catch all")))
        .last()
        .asString()
        .startsWith("250 ");
    try (SpoolStore spool = new SpoolStore(data.resolve("spool"))) {
      assertThat(spool.list(vaultId("catchall"))).hasSize(1);
    }

    String original = message("sender@remote.test", "someone@old.example", "domain forward");
    assertThat(
            MxClient.send(
                node.smtpPort(), "sender@remote.test", List.of("someone@old.example"), original))
        .last()
        .asString()
        .startsWith("250 ");
    String delivered = awaitMessage("someone@remote.test", "domain forward");
    assertThat(delivered).endsWith(original).contains("Delivered-To: someone@old.example");
    assertThat(returnPath(delivered)).contains("=remote.test=sender@old.example");
  }

  /** The first message in {@code mailbox} whose Subject starts with {@code subject}. */
  private String awaitMessage(String mailbox, String subject) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                peer.messages(mailbox).stream()
                    .map(ForwardingThroughPostfixTest::crlf)
                    .filter(m -> m.contains("\r\nSubject: " + subject))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  private static String message(String from, String to, String subject) {
    return "From: <"
        + from
        + ">\r\nTo: <"
        + to
        + ">\r\nSubject: "
        + subject
        + "\r\nMessage-ID: <"
        + subject.replace(' ', '.')
        + "@remote.test>\r\n\r\nA message: "
        + subject
        + ".\r\n";
  }

  private String signed(String message) throws Exception {
    Path script = work.resolve("dkimsign.py");
    Files.writeString(script, DKIMSIGN);
    return new String(
            exec(
                List.of("/usr/bin/python3", script.toString(), dkimKey.toString()),
                message.getBytes(StandardCharsets.US_ASCII)),
            StandardCharsets.US_ASCII)
        .replace("\r\n", "\n")
        .replace("\n", "\r\n");
  }

  private String dkimVerify(String message) throws Exception {
    Path script = work.resolve("dkimverify.py");
    Files.writeString(script, DKIMVERIFY);
    String server = zone.server();
    return new String(
            exec(
                List.of(
                    "/usr/bin/python3",
                    script.toString(),
                    server.substring(0, server.indexOf(':')),
                    server.substring(server.indexOf(':') + 1)),
                message.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8)
        .trim();
  }

  private static byte[] exec(List<String> command, byte[] input) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try (var in = process.getOutputStream()) {
      if (input != null) {
        in.write(input);
      }
    }
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(command + ": " + err).isZero();
    return out;
  }

  private static void run(CliProcess cli, String... args) throws Exception {
    CliProcess.Result result = cli.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
  }

  private String vaultId(String local) throws Exception {
    return node.directory()
        .findAlias(EmailAddress.parse(local + "@" + DOMAIN))
        .orElseThrow()
        .vaultId();
  }

  /** The alias's vault file as it is now, or nothing when there is none. */
  private byte[] vaultFile(String local) throws Exception {
    Path file = data.resolve("vaults").resolve(vaultId(local) + ".sqlite");
    return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
  }

  /** Maildir's LF line ends back to CRLF, as on the wire. */
  private static String crlf(byte[] maildir) {
    return new String(maildir, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private static String returnPath(String message) {
    Matcher m = Pattern.compile("(?m)^Return-Path: <([^>]*)>").matcher(message);
    return m.find() ? m.group(1) : "";
  }
}
