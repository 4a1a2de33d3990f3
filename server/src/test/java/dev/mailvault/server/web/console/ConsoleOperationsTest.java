package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.outbound.queue.QueueEntry;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.outbound.DeferringNetwork;
import dev.mailvault.server.web.Browser;
import dev.mailvault.server.web.WebClient;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console's backups and queue pages in a real browser, and the rules every console form keeps,
 * over HTTPS with {@link WebClient}: no session sends to the login, a form without its CSRF token
 * changes nothing, a generated password is in the POST's answer only, removal and reset need their
 * confirmation. Python's imaplib holds a vault open for "back up now"; Python's smtplib queues a
 * message through submission that the deferring network keeps queued.
 */
class ConsoleOperationsTest {

  private static final String ALIAS = "alice@ops.test";
  private static final String PASSWORD = "a long enough password";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern SHOWN =
      Pattern.compile("<code id=\"password\" class=\"copy\">([^<]+)</code>");

  @TempDir static Path data;
  @TempDir static Path profile;
  @TempDir static Path scripts;
  private static TestedNode node;
  private static DeferringNetwork network;
  private static Browser browser;
  private static WebClient web;
  private static String cookie;

  @BeforeAll
  static void start() throws Exception {
    network = new DeferringNetwork();
    node = TestedNode.start(LoopbackNode.settings(data, "mx.ops.test"), network);
    node.directory().addDomain(DomainName.parse("ops.test"));
    lifecycle().create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray()).close();
    web = new WebClient(node.clientsData(), node.httpsPort());
    cookie = ConsoleSession.cookie(node);
    if (Browser.available()) {
      browser = new Browser(profile, node.httpsPort());
      ConsoleSession.into(browser, node);
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static AliasLifecycle lifecycle() {
    return new AliasLifecycle(
        node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")));
  }

  @Test
  void withoutASessionEveryPageAndFormSendsToTheLogin() throws Exception {
    WebClient anonymous = new WebClient(node.clientsData(), node.httpsPort());
    for (String page :
        List.of(
            "/admin/domains",
            "/admin/aliases",
            "/admin/backups?alias=" + ALIAS,
            "/admin/queue",
            "/admin/aliases/reset?address=" + ALIAS)) {
      WebClient.Reply reply = anonymous.get(page);
      assertThat(reply.status()).as(page).isEqualTo(303);
      assertThat(reply.header("Location")).as(page).hasValue("/admin/login");
    }
    WebClient.Reply post =
        anonymous.postForm("/admin/aliases", Map.of("address", "nobody@ops.test"));
    assertThat(post.status()).isEqualTo(303);
    assertThat(post.header("Location")).hasValue("/admin/login");
    assertThat(node.directory().findAlias(EmailAddress.parse("nobody@ops.test"))).isEmpty();
    // Another kind of session does not open the console.
    String account =
        node.webSessions()
            .cookie(
                node.webSessions()
                    .start(dev.mailvault.server.web.WebSession.Kind.ACCOUNT, ALIAS, null))
            .split(";", 2)[0];
    assertThat(anonymous.get("/admin/domains", "Cookie", account).status()).isEqualTo(303);
  }

  @Test
  void aFormWithoutItsCsrfTokenChangesNothing() throws Exception {
    WebClient.Reply noToken = post("/admin/domains", Map.of("domain", "csrf.test"));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(node.directory().hasDomain(DomainName.parse("csrf.test"))).isFalse();

    WebClient.Reply wrongToken =
        post("/admin/aliases", Map.of("address", "eve@ops.test", "_csrf", "not-the-token"));
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(node.directory().findAlias(EmailAddress.parse("eve@ops.test"))).isEmpty();

    // Another admin session's token does not fit this session's form.
    String otherSession = ConsoleSession.cookie(node);
    String otherToken = csrfOf(web.get("/admin/domains", "Cookie", otherSession));
    WebClient.Reply crossed =
        post("/admin/domains", Map.of("domain", "csrf.test", "_csrf", otherToken));
    assertThat(crossed.status()).isEqualTo(403);
    assertThat(node.directory().hasDomain(DomainName.parse("csrf.test"))).isFalse();

    WebClient.Reply queue = post("/admin/queue/remove", Map.of("id", "0".repeat(32)));
    assertThat(queue.status()).isEqualTo(403);
  }

  @Test
  void aGeneratedPasswordIsInThePostsAnswerOnlyAndAResetNeedsItsConfirmation() throws Exception {
    String address = "carl@ops.test";
    String csrf = csrf("/admin/aliases");
    Map<String, String> add = Map.of("address", address, "_csrf", csrf);
    WebClient.Reply added = post("/admin/aliases", add);
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.header("Cache-Control")).hasValue("no-store");
    assertThat(added.header("Location")).isEmpty();
    String first = shown(added);
    assertThat(added.text())
        .contains("<noscript><meta http-equiv=\"refresh\" content=\"30;url=/admin/aliases\">")
        .contains("<script src=\"/static/console.js\" defer></script>")
        .doesNotContain("<script>");
    unlock(address, first);

    // Sent again (a reload): refused, the alias exists; no password in the answer.
    WebClient.Reply again = post("/admin/aliases", add);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text())
        .contains("exists")
        .doesNotContain(first)
        .doesNotContain("id=\"password\"");
    assertThat(get("/admin/aliases").text()).contains(address).doesNotContain(first);

    // A reset without its confirmation does nothing; with it, a new password, shown once.
    String confirmPage = get("/admin/aliases/reset?address=carl%40ops.test").text();
    Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(confirmPage);
    assertThat(state.find()).isTrue();
    String resetPath = "/admin/aliases/reset?address=carl%40ops.test";
    WebClient.Reply unconfirmed = post(resetPath, Map.of("_csrf", csrf, "state", state.group(1)));
    assertThat(unconfirmed.status()).isEqualTo(400);
    unlock(address, first);
    Map<String, String> reset = Map.of("_csrf", csrf, "state", state.group(1), "confirm", "yes");
    WebClient.Reply done = post(resetPath, reset);
    assertThat(done.status()).isEqualTo(200);
    String second = shown(done);
    assertThat(second).isNotEqualTo(first);
    unlock(address, second);
    assertThatThrownBy(() -> unlock(address, first))
        .isInstanceOf(AuthenticationFailedException.class);
    WebClient.Reply resent = post(resetPath, reset);
    assertThat(resent.status()).isEqualTo(409);
    assertThat(resent.text()).doesNotContain("id=\"password\"");
    unlock(address, second);

    // Removal needs its confirmation too.
    String removePath = "/admin/aliases/remove?address=carl%40ops.test";
    assertThat(post(removePath, Map.of("_csrf", csrf)).status()).isEqualTo(400);
    assertThat(node.directory().findAlias(EmailAddress.parse(address))).isPresent();
    WebClient.Reply removed = post(removePath, Map.of("_csrf", csrf, "confirm", "yes"));
    assertThat(removed.status()).isEqualTo(303);
    assertThat(node.directory().findAlias(EmailAddress.parse(address))).isEmpty();
  }

  @Test
  void aDomainWithAliasesIsRemovedOnlyWithForce() throws Exception {
    node.directory().addDomain(DomainName.parse("gone.test"));
    lifecycle().create(EmailAddress.parse("dan@gone.test"), PASSWORD.toCharArray()).close();
    String csrf = csrf("/admin/domains");
    assertThat(get("/admin/domains/gone.test/remove").text())
        .contains("with its 1 aliases")
        .contains("name=\"force\" value=\"yes\"");
    WebClient.Reply unforced =
        post("/admin/domains/gone.test/remove", Map.of("_csrf", csrf, "confirm", "yes"));
    assertThat(unforced.status()).isEqualTo(409);
    assertThat(node.directory().hasDomain(DomainName.parse("gone.test"))).isTrue();
    WebClient.Reply forced =
        post(
            "/admin/domains/gone.test/remove",
            Map.of("_csrf", csrf, "confirm", "yes", "force", "yes"));
    assertThat(forced.status()).isEqualTo(303);
    assertThat(forced.header("Location")).hasValue("/admin/domains?removed=gone.test");
    assertThat(node.directory().hasDomain(DomainName.parse("gone.test"))).isFalse();
    assertThat(node.directory().findAlias(EmailAddress.parse("dan@gone.test"))).isEmpty();
  }

  @Test
  void anOpenVaultIsBackedUpAndItsDownloadMatchesBackupList() throws Exception {
    Assumptions.assumeTrue(browser != null, "Debian's chromium-driver is not installed");
    browser.open("/admin/backups?alias=" + ALIAS);
    assertThat(browser.text()).contains("not open in the server").contains("No backups yet.");
    browser.find(By.id("back-up-now")).click();
    browser.find(By.cssSelector(".error"));
    assertThat(browser.text())
        .contains("is not open in the server, and it cannot be read without the alias's password");

    try (ImapHold imap = ImapHold.open(scripts, node.imapPort(), ALIAS, PASSWORD)) {
      browser.open("/admin/backups?alias=" + ALIAS);
      assertThat(browser.text()).contains("Its vault is open in the server now");
      browser.find(By.id("back-up-now")).click();
      WebElement row = browser.find(By.cssSelector("table.backups tbody tr"));
      assertThat(browser.text()).contains("Backed up now.");
      String sha256 = row.getAttribute("data-sha256");
      String created = row.getAttribute("data-created");
      browser.screenshot(ConsoleBrowserTest.SCREENSHOTS.resolve("console-backups.png"));

      // The same values `mailvault backup list` prints.
      CliProcess.Result listed =
          TestedNode.cli(data, Map.of()).run("--json", "backup", "list", ALIAS);
      assertThat(listed.exitCode()).as(listed.stderr()).isZero();
      JsonNode backups = new ObjectMapper().readTree(listed.stdout());
      assertThat(backups).hasSize(1);
      assertThat(backups.get(0).path("sha256").asText()).isEqualTo(sha256);
      assertThat(backups.get(0).path("created").asText()).isEqualTo(created);

      String href = row.findElement(By.cssSelector("a[download]")).getAttribute("href");
      String path = href.substring(href.indexOf("/admin/"));
      WebClient.Reply download = get(path);
      assertThat(download.status()).isEqualTo(200);
      assertThat(download.header("Content-Type")).hasValue("application/octet-stream");
      assertThat(download.header("Content-Disposition").orElseThrow())
          .startsWith("attachment;")
          .doesNotContain("alice");
      assertThat(download.body()).hasSize(backups.get(0).path("size").asInt());
      assertThat(
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
          .isEqualTo(sha256);
      // Encrypted: not an SQLite file in the clear.
      assertThat(new String(download.body(), 0, 16, StandardCharsets.ISO_8859_1))
          .doesNotStartWith("SQLite format 3");

      assertThat(
              get(path.replaceFirst("created=[^&]+", "created=2001-01-01T00%3A00%3A00Z")).status())
          .isEqualTo(404);

      // A stored object that no longer matches its manifest never arrives whole.
      Path object;
      try (java.util.stream.Stream<Path> files =
          Files.walk(node.storageData().resolve("backups"))) {
        object = files.filter(f -> f.toString().endsWith(".vault")).findFirst().orElseThrow();
      }
      byte[] stored = Files.readAllBytes(object);
      stored[0] ^= 1;
      Files.write(object, stored);
      int size = backups.get(0).path("size").asInt();
      try {
        // The connection ends after the pieces that were sent: a short body, no last piece.
        assertThat(get(path).body().length).isLessThan(size);
      } catch (java.io.IOException cutShort) {
        // Or the client itself says the body ended early: either way it is not whole.
        assertThat(cutShort).isNotNull();
      }
    }
  }

  @Test
  void theQueuePageListsAQueuedMessageAndRetriesAndRemovesIt() throws Exception {
    Assumptions.assumeTrue(browser != null, "Debian's chromium-driver is not installed");
    python(
        "import smtplib, ssl, sys\n"
            + "s = smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[1]),"
            + " context=ssl._create_unverified_context())\n"
            + "s.login(sys.argv[2], sys.stdin.readline().rstrip('\\n'))\n"
            + "s.sendmail(sys.argv[2], ['bob@far.test', 'carol@far.test'],"
            + " 'From: <' + sys.argv[2] + '>\\r\\nTo: <bob@far.test>\\r\\n"
            + "Subject: queued\\r\\n\\r\\nqueued body\\r\\n')\n"
            + "s.quit()\n",
        String.valueOf(node.submissionsPort()),
        ALIAS);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.outboundQueue().list().stream().anyMatch(e -> e.attempts() == 1));
    QueueEntry entry = node.outboundQueue().list().get(0);

    browser.open("/admin/queue");
    WebElement row = browser.find(By.cssSelector("tr[data-id='" + entry.id() + "']"));
    assertThat(row.getText()).contains("2 (far.test)").contains("4.4.0");
    browser.screenshot(ConsoleBrowserTest.SCREENSHOTS.resolve("console-queue.png"));
    int before = network.attempts().size();

    row.findElement(By.xpath(".//button[normalize-space(.)='Retry now']")).click();
    browser.find(By.xpath("//p[contains(., 'The message is due now')]"));
    await().atMost(Duration.ofSeconds(30)).until(() -> network.attempts().size() > before);

    browser
        .find(By.cssSelector("tr[data-id='" + entry.id() + "']"))
        .findElement(By.xpath(".//button[normalize-space(.)='Remove']"))
        .click();
    browser.find(By.xpath("//p[contains(., 'The message was removed')]"));
    assertThat(browser.text()).contains("The outbound queue is empty.");
    assertThat(node.outboundQueue().show(entry.id())).isEmpty();
  }

  @Test
  void anAliasWithAQuotaShowsAUsageBarWithItsValueInWords() throws Exception {
    EmailAddress address = EmailAddress.parse("quota@ops.test");
    lifecycle().create(address, PASSWORD.toCharArray()).close();
    node.directory().setAliasQuota(address, QuotaLimits.bytes(1024 * 1024));
    String page = get("/admin/aliases?domain=ops.test").text();
    assertThat(page)
        .contains("<meter class=\"usage\" min=\"0\" max=\"1048576\" value=\"0\"")
        .contains("0 B of 1.0 MiB (0%)");
  }

  @Test
  void thePagesFitAPhoneScreen() throws Exception {
    Assumptions.assumeTrue(browser != null, "Debian's chromium-driver is not installed");
    Dimension desktop = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    try {
      for (String page :
          List.of(
              "/admin/domains",
              "/admin/aliases",
              "/admin/backups?alias=" + ALIAS,
              "/admin/queue")) {
        browser.open(page);
        browser.find(By.tagName("h1"));
        Object overflow =
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
            .as(page + " scrolls sideways")
            .isLessThanOrEqualTo(0);
      }
      browser.open("/admin/domains");
      browser.screenshot(ConsoleBrowserTest.SCREENSHOTS.resolve("console-domains-phone.png"));
    } finally {
      browser.driver().manage().window().setSize(desktop);
    }
  }

  private static void python(String code, String... args) throws Exception {
    Path script = scripts.resolve("run.py");
    Files.writeString(script, code);
    List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  private static void unlock(String address, String password) throws Exception {
    try (UnlockedAlias unlocked = node.directory().unlock(address, password.toCharArray())) {
      assertThat(unlocked.vaultId()).isNotEmpty();
    }
  }

  private static String shown(WebClient.Reply reply) {
    Matcher m = SHOWN.matcher(reply.text());
    assertThat(m.find()).as("a password is shown").isTrue();
    return m.group(1);
  }

  private static WebClient.Reply get(String path) throws Exception {
    return web.get(path, "Cookie", cookie);
  }

  private static WebClient.Reply post(String path, Map<String, String> fields) throws Exception {
    return web.postForm(path, new LinkedHashMap<>(fields), "Cookie", cookie);
  }

  private static String csrf(String page) throws Exception {
    return csrfOf(get(page));
  }

  private static String csrfOf(WebClient.Reply reply) {
    Matcher m = CSRF.matcher(reply.text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
