package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.MxSender;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * My account in a real browser over a real node (issue 17, ADR 0266, 0267): an owner changes the
 * password and Python's imaplib then sees all the mail with the new one; app passwords made on the
 * page work for imaplib, poplib, smtplib and sieve-connect until revoked there; two-factor with
 * codes from oathtool; CSRF and session-expiry negatives; a screenshot of each page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountBrowserTest {

  private static final String PASSWORD = "the first long password";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final DateTimeFormatter OATH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @TempDir static Path data;
  @TempDir static Path profile;
  @TempDir static Path clients;
  private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
  private static TestedNode node;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Browser.available(), "chromium and chromedriver are needed (.ci/run installs)");
    assumeTrue(ExternalProgram.installed("oathtool"), "oathtool is needed (.ci/run installs)");
    assumeTrue(ExternalProgram.installed("sieve-connect"), "sieve-connect is needed (.ci/run)");
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"), clock);
    node.directory().addDomain(EmailAddress.parse("owner@example.com").domain());
    AliasLifecycle aliases =
        new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")));
    for (String alias : List.of("owner", "apps", "twofa", "guard")) {
      aliases.create(EmailAddress.parse(alias + "@example.com"), PASSWORD.toCharArray()).close();
    }
    node.directory()
        .setAliasQuota(EmailAddress.parse("owner@example.com"), QuotaLimits.bytes(64 * 1024));
    browser = new Browser(profile, node.httpsPort());
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

  @Test
  @Order(1)
  void anOwnerChangesThePasswordAndImapSeesAllMailWithTheNewOne() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(deliver("owner@example.com", "Message " + i)).startsWith("250");
    }
    // A second browser of the owner, which the change must log out.
    WebClient other = new WebClient(node.clientsData(), node.httpsPort());
    assertThat(login(other, "owner@example.com", PASSWORD).status()).isEqualTo(303);
    assertThat(other.get("/account").status()).isEqualTo(200);

    browserLogin("owner@example.com", PASSWORD);
    assertThat(browser.find(By.id("messages")).getText()).isEqualTo("3");
    assertThat(browser.find(By.id("quota-bar")).getAttribute("max")).isEqualTo("65536");
    shot("account-overview");
    browser.open("/account/password");
    browser.type("old", PASSWORD);
    browser.type("new", "the second long password");
    browser.type("again", "the second long password");
    shot("account-password");
    browser.find(By.id("change")).click();
    assertThat(browser.find(By.id("notice")).getText()).contains("password was changed");

    WebClient.Reply ended = other.get("/account");
    assertThat(ended.status()).isEqualTo(303);
    assertThat(ended.header("Location")).hasValue("/account/login");

    String fresh =
        python(IMAP_COUNT, port(node.imapPort()), "owner@example.com", "the second long password");
    assertThat(fresh).contains("COUNT 3").contains("Message 1", "Message 2", "Message 3");
    assertThat(python(IMAP_COUNT, port(node.imapPort()), "owner@example.com", PASSWORD))
        .contains("REFUSED");
    logout();
  }

  @Test
  @Order(2)
  void anAppPasswordMadeOnThePageWorksForMailClientsUntilRevoked() throws Exception {
    deliver("apps@example.com", "For the phone");
    browserLogin("apps@example.com", PASSWORD);
    browser.open("/account/app-passwords");
    browser.type("label", "phone");
    browser.find(By.id("create")).click();
    String appPassword = browser.find(By.id("new-app-password")).getText();
    assertThat(appPassword).matches("[0-9a-z]{5}(-[0-9a-z]{5}){3}");
    shot("account-app-passwords");
    // Shown once: a reload of the list does not show it.
    browser.open("/account/app-passwords");
    assertThat(browser.text()).contains("phone").doesNotContain(appPassword);

    String imap = python(IMAP_COUNT, port(node.imapPort()), "apps@example.com", appPassword);
    assertThat(imap).contains("COUNT 1").contains("For the phone");
    String pop = python(POP_COUNT, port(node.pop3Port()), "apps@example.com", appPassword, cert());
    assertThat(pop).contains("POP 1");
    String smtp =
        python(SUBMIT, port(node.submissionPort()), "apps@example.com", appPassword, cert());
    assertThat(smtp).contains("SENT");
    assertThat(sieveList("apps@example.com", appPassword).exitCode()).isZero();
    // My account itself refuses the app password (ADR 0267).
    WebClient web = new WebClient(node.clientsData(), node.httpsPort());
    assertThat(login(web, "apps@example.com", appPassword).status()).isEqualTo(401);

    browser.find(By.cssSelector("button[id^='revoke-']")).click();
    browser.find(By.id("none"));
    assertThat(python(IMAP_COUNT, port(node.imapPort()), "apps@example.com", appPassword))
        .contains("REFUSED");
    assertThat(python(SUBMIT, port(node.submissionPort()), "apps@example.com", appPassword, cert()))
        .contains("REFUSED");
    assertThat(sieveList("apps@example.com", appPassword).exitCode()).isNotZero();

    // The page that shows one is never cached.
    assertThat(login(web, "apps@example.com", PASSWORD).status()).isEqualTo(303);
    WebClient.Reply made =
        web.postForm(
            "/account/app-passwords",
            Map.of("_csrf", csrf(web, "/account/app-passwords"), "label", "tablet"));
    assertThat(made.status()).isEqualTo(200);
    assertThat(made.header("Cache-Control")).hasValue("no-store");
    logout();
  }

  @Test
  @Order(3)
  void twoFactorWithCodesFromOathtool() throws Exception {
    browserLogin("twofa@example.com", PASSWORD);
    browser.open("/account/two-factor");
    browser.find(By.id("enrol")).click();
    String secret = browser.find(By.id("totp-secret")).getText();
    assertThat(browser.find(By.cssSelector("figure.qr svg")).isDisplayed()).isTrue();
    shot("account-two-factor");
    browser.type("code", oathtool(secret));
    browser.find(By.id("confirm")).click();
    assertThat(browser.find(By.id("state")).getText()).isEqualTo("On.");
    assertThat(node.directory().totpEnabled(EmailAddress.parse("twofa@example.com"))).isTrue();
    logout();

    clock.advance(Duration.ofSeconds(30));
    browser.open("/account/login");
    browser.type("address", "twofa@example.com");
    browser.type("password", PASSWORD);
    browser.find(By.id("login")).click();
    String right = oathtool(secret);
    browser.type("code", right.equals("123456") ? "654321" : "123456");
    browser.find(By.id("verify")).click();
    assertThat(browser.find(By.id("error")).getText()).contains("not valid");
    shot("account-code");
    browser.type("code", right);
    browser.find(By.id("verify")).click();
    browser.find(By.id("messages"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/account");
    logout();
  }

  @Test
  @Order(4)
  void deliverySettingsAndClientSetup() throws Exception {
    EmailAddress guard = EmailAddress.parse("guard@example.com");
    node.directory().putSieveScript(guard, "filters", "keep;\n");
    node.directory().setActiveSieveScript(guard, Optional.of("filters"));
    browserLogin("guard@example.com", PASSWORD);
    browser.open("/account/delivery");
    assertThat(browser.find(By.id("sieve-name")).getText()).isEqualTo("filters");
    browser.type("target", "friend@other.example");
    browser.find(By.id("add-forward")).click();
    browser.find(By.id("forwards"));
    browser.find(By.id("mode-both")).click();
    browser.find(By.id("save-mode")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(ExpectedConditions.elementSelectionStateToBe(By.id("mode-both"), true));
    shot("account-delivery");
    assertThat(node.directory().findAlias(guard).orElseThrow().mode()).isEqualTo(DeliveryMode.BOTH);
    assertThat(node.directory().forwardTargets(guard))
        .singleElement()
        .satisfies(t -> assertThat(t.target()).isEqualTo("friend@other.example"));

    browser.open("/account/setup");
    assertThat(browser.find(By.id("setup")).getText()).contains("mx.example.test", "STARTTLS");
    assertThat(browser.find(By.id("mobileconfig")).getAttribute("href"))
        .endsWith("/account/mobileconfig");
    shot("account-setup");
    logout();
    browser.open("/account/login");
    shot("account-login");
  }

  @Test
  @Order(5)
  void aFormWithoutItsCsrfTokenChangesNothing() throws Exception {
    WebClient web = new WebClient(node.clientsData(), node.httpsPort());
    assertThat(login(web, "guard@example.com", PASSWORD).status()).isEqualTo(303);
    Map<String, String> change =
        Map.of("old", PASSWORD, "new", "an attacker's password", "again", "an attacker's password");
    assertThat(web.postForm("/account/password", change).status()).isEqualTo(403);
    Map<String, String> wrong = new java.util.HashMap<>(change);
    wrong.put("_csrf", "not-the-token");
    assertThat(web.postForm("/account/password", wrong).status()).isEqualTo(403);
    assertThat(
            web.postForm("/account/app-passwords", Map.of("_csrf", "nope", "label", "x")).status())
        .isEqualTo(403);
    node.directory().unlockMain("guard@example.com", PASSWORD.toCharArray()).close();
    assertThat(node.directory().appPasswords(EmailAddress.parse("guard@example.com"))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                node.directory()
                    .unlockMain("guard@example.com", "an attacker's password".toCharArray()))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  @Order(6)
  void anIdleSessionEndsAndItsKeysAreClosed() throws Exception {
    browserLogin("guard@example.com", PASSWORD);
    browser.find(By.id("messages"));
    int live = node.webSessions().size();
    assertThat(live).isPositive();
    clock.advance(Duration.ofDays(2));
    assertThat(node.webSessions().sweep()).isPositive();
    assertThat(node.webSessions().size()).isZero();
    browser.open("/account");
    browser.find(By.id("login"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/account/login");
  }

  // Helpers

  private static void browserLogin(String address, String password) {
    browser.driver().manage().deleteAllCookies();
    browser.open("/account/login");
    browser.type("address", address);
    browser.type("password", password);
    browser.find(By.id("login")).click();
    try {
      browser.find(By.id("logout"));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "no account page at " + browser.driver().getCurrentUrl() + ": " + browser.text(), e);
    }
  }

  private static void logout() {
    browser.open("/account");
    browser.find(By.id("logout")).click();
    browser.find(By.id("login"));
  }

  private static WebClient.Reply login(WebClient web, String address, String password)
      throws Exception {
    return web.postForm("/account/login", Map.of("address", address, "password", password));
  }

  private static String csrf(WebClient web, String page) throws Exception {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(web.get(page).text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void shot(String name) throws Exception {
    browser.screenshot(SHOTS.resolve(name + ".png"));
  }

  private static String port(int port) {
    return Integer.toString(port);
  }

  private static String cert() {
    return node.tlsCertificate().toString();
  }

  private static String oathtool(String secret) throws Exception {
    ExternalProgram.Result r =
        ExternalProgram.run(
            clients,
            Map.of(),
            TIMEOUT,
            List.of(
                "oathtool", "--totp", "-b", "--now", OATH_TIME.format(clock.instant()), secret));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output().strip();
  }

  /**
   * sieve-connect (Debian's ManageSieve client) lists the scripts: STARTTLS, AUTHENTICATE PLAIN.
   */
  private static ExternalProgram.Result sieveList(String login, String password) throws Exception {
    Path passwordFile = Files.createTempFile(clients, "password", "");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    String shell =
        String.join(
            " ",
            "sieve-connect --server 127.0.0.1 --port",
            Integer.toString(node.manageSievePort()),
            "--user",
            login,
            "--authmech PLAIN --notlsverify --noclearauth --passwordfd 3 --list 3<",
            passwordFile.toString());
    try {
      return ExternalProgram.run(
          clients, Map.of("HOME", clients.toString()), TIMEOUT, List.of("sh", "-c", shell));
    } finally {
      Files.delete(passwordFile);
    }
  }

  /** One message into the node's MX over a raw socket; the reply to the end of its data. */
  private static String deliver(String to, String subject) throws Exception {
    return MxSender.deliver(node.smtpPort(), to, subject, "Hello.");
  }

  private static String python(String script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    return ExternalProgram.run(clients, Map.of(), TIMEOUT, command).output();
  }

  /** argv: port, login, password. Prints COUNT n and the subjects, or REFUSED. */
  private static final String IMAP_COUNT =
      String.join(
          "\n",
          "import imaplib, sys",
          "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
          "try:",
          "    m.login(sys.argv[2], sys.argv[3])",
          "except imaplib.IMAP4.error:",
          "    print('REFUSED'); sys.exit(0)",
          "typ, data = m.select('INBOX')",
          "print('COUNT', int(data[0]))",
          "typ, data = m.fetch('1:*', '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])')",
          "for part in data:",
          "    if isinstance(part, tuple): print(part[1].decode().strip())",
          "m.logout()");

  /** argv: port, login, password, CA file. STLS, then USER/PASS; prints POP n. */
  private static final String POP_COUNT =
      String.join(
          "\n",
          "import poplib, ssl, sys",
          "ctx = ssl.create_default_context(cafile=sys.argv[4]); ctx.check_hostname = False",
          "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=20)",
          "p.stls(context=ctx)",
          "try:",
          "    p.user(sys.argv[2]); p.pass_(sys.argv[3])",
          "except poplib.error_proto:",
          "    print('REFUSED'); sys.exit(0)",
          "print('POP', p.stat()[0])",
          "p.quit()");

  /** argv: port, login, password, CA file. STARTTLS, AUTH, one message to itself; prints SENT. */
  private static final String SUBMIT =
      String.join(
          "\n",
          "import smtplib, ssl, sys",
          "ctx = ssl.create_default_context(cafile=sys.argv[4]); ctx.check_hostname = False",
          "with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='client.example', timeout=20) as s:",
          "    s.starttls(context=ctx)",
          "    try:",
          "        s.login(sys.argv[2], sys.argv[3])",
          "    except smtplib.SMTPAuthenticationError:",
          "        print('REFUSED'); sys.exit(0)",
          "    s.sendmail(sys.argv[2], [sys.argv[2]], 'From: ' + sys.argv[2] + '\\r\\nTo: ' + sys.argv[2] + '\\r\\nSubject: sent with an app password\\r\\n\\r\\nHi.\\r\\n')",
          "    print('SENT')");
}
