package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17's admin journey as one flow in a real browser, through the pages only: an admin added as
 * {@code mailvault admin add} adds it logs in with password and TOTP (enrolment, then a code;
 * oathtool's codes at the node's manual clock), adds a domain and an alias, sees the alias's
 * generated password once, checks DNS (red: nothing answers), backs up the vault a mail client
 * holds open (Python's imaplib, with the password the page showed), downloads the backup into the
 * browser's download folder, and finds its SHA-256 equal to the page's and to what {@code mailvault
 * --json backup list} prints; the password is gone after a reload and after its 30 seconds.
 * Screenshots of each step go to {@code target/screenshots/journey-*.png}.
 */
class AdminJourneyBrowserTest {

  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String ADMIN = "ops";
  private static final String DOMAIN = "journey.test";
  private static final String ALIAS = "owner@" + DOMAIN;

  @TempDir static Path data;
  @TempDir static Path profile;
  @TempDir static Path downloads;
  @TempDir static Path scripts;
  private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:05Z"));
  private static TestedNode node;
  private static Browser browser;
  private static int step;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "Debian's chromium-driver is not installed");
    // The node asks a DNS port where nothing answers: every record of the check is red.
    Map<Setting, String> values = LoopbackNode.settings(data, "mx." + DOMAIN);
    values.put(Setting.DNS_RESOLVERS, "127.0.0.1:" + DnsmasqZone.freePort());
    node = TestedNode.start(values, clock);
    browser = new Browser(profile, node.httpsPort(), downloads);
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
  void anAdminLogsInAddsADomainAndAnAliasChecksDnsAndDownloadsAVerifiedBackup() throws Exception {
    // As `mailvault admin add ops` does it: a generated password, shown once.
    String adminPassword = new String(node.directory().adminAccounts().add(ADMIN));

    // Password, then two-factor enrolment with the secret read off the page.
    browser.open("/admin");
    browser.find(By.id("name"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/login");
    shot("login");
    ConsoleLogin.password(browser, ADMIN, adminPassword);
    browser.find(By.id("totp-secret"));
    shot("enrol");
    String secret = ConsoleLogin.enrol(browser, clock);
    shot("recovery-codes");
    ConsoleLogin.continueToConsole(browser);
    shot("health");

    // Out, and in again with a code of the next 30-second step.
    browser.find(By.cssSelector("nav form button")).click();
    browser.find(By.id("name"));
    clock.advance(Duration.ofSeconds(30));
    ConsoleLogin.password(browser, ADMIN, adminPassword);
    ConsoleLogin.code(browser, secret, clock);
    browser.find(By.id("health-status"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/health");
    shot("logged-in-with-code");

    // A domain, added on the domains page.
    browser.open("/admin/domains");
    browser.type("domain-name", DOMAIN);
    browser.find(By.cssSelector("form[action='/admin/domains'] button[type=submit]")).click();
    browser.find(By.id("domain-journey-test"));
    assertThat(browser.text()).contains("Added " + DOMAIN);
    shot("domain-added");

    // An alias, added on the aliases page: its generated password shown once.
    browser.open("/admin/aliases");
    browser.type("alias-address", ALIAS);
    browser.find(By.cssSelector("form[action='/admin/aliases'] button[type=submit]")).click();
    String password = browser.find(By.id("password")).getText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    assertThat(browser.find(By.id("new-password")).getText()).contains(ALIAS);
    shot("alias-password");
    String passwordTab = browser.driver().getWindowHandle();
    String passwordUrl = browser.driver().getCurrentUrl();
    // The password's 30 seconds run in this tab while the journey goes on in a second one.
    browser.driver().switchTo().newWindow(WindowType.TAB);

    // DNS, checked on the domains page: every record red, nothing answers.
    browser.open("/admin/domains");
    browser.find(By.xpath("//button[normalize-space(.)='Check DNS of " + DOMAIN + "']")).click();
    browser.find(By.xpath("//p[starts-with(normalize-space(.), 'DNS: 0 of')]"));
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.records tbody tr"));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
    for (WebElement row : rows) {
      assertThat(row.getAttribute("data-state")).as(row.getText()).isEqualTo("bad");
      assertThat(row.findElement(By.cssSelector(".mark")).getText()).startsWith("✘ no answer");
    }
    assertThat(
            browser
                .find(
                    By.cssSelector(
                        "tr[data-name='" + DOMAIN + ".'][data-type='MX'] code.record-value"))
                .getText())
        .isEqualTo("10 mx." + DOMAIN + ".");
    shot("dns-check");

    // A mail client logs in with the shown password and holds the vault open; back up now.
    browser.open("/admin/backups?alias=" + ALIAS);
    assertThat(browser.text()).contains("not open in the server").contains("No backups yet.");
    try (ImapHold imap = ImapHold.open(scripts, node.imapPort(), ALIAS, password)) {
      browser.open("/admin/backups?alias=" + ALIAS);
      assertThat(browser.text()).contains("Its vault is open in the server now");
      browser.find(By.id("back-up-now")).click();
      WebElement row = browser.find(By.cssSelector("table.backups tbody tr"));
      assertThat(browser.text()).contains("Backed up now.");
      String pageSha = row.getAttribute("data-sha256");
      assertThat(row.findElement(By.cssSelector("code.sha")).getText()).isEqualTo(pageSha);
      assertThat(pageSha).matches("[0-9a-f]{64}");
      shot("backed-up");

      // The download lands in the browser's download folder.
      row.findElement(By.cssSelector("a[download]")).click();
      Path file = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(), f -> f != null);
      byte[] bytes = Files.readAllBytes(file);
      String fileSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(file.getFileName().toString()).endsWith(".vault").doesNotContain("owner");

      // What `mailvault --json backup list` prints, run as a separate process on the data.
      CliProcess.Result listed =
          TestedNode.cli(data, Map.of()).run("--json", "backup", "list", ALIAS);
      assertThat(listed.exitCode()).as(listed.stderr()).isZero();
      JsonNode backups = new ObjectMapper().readTree(listed.stdout());
      assertThat(backups).hasSize(1);
      assertThat(fileSha).isEqualTo(pageSha).isEqualTo(backups.get(0).path("sha256").asText());
      assertThat(bytes).hasSize(backups.get(0).path("size").asInt());
      shot("downloaded");
    }

    // Back in the first tab: the page's script removed the password after its 30 seconds.
    browser.driver().switchTo().window(passwordTab);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(40))
        .until(ExpectedConditions.numberOfElementsToBe(By.id("new-password"), 0));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(passwordUrl);
    assertThat(browser.find(By.id("password-removed")).getText())
        .isEqualTo("The password was removed from this page.");
    assertThat(browser.driver().getPageSource()).doesNotContain(password);
    shot("password-removed");

    // A reload sends the form again: refused (the alias exists), and no password is shown.
    browser.driver().navigate().refresh();
    try {
      browser.driver().switchTo().alert().accept();
    } catch (NoAlertPresentException e) {
      // This Chromium re-sent the form without asking.
    }
    browser.find(By.tagName("h1"));
    assertThat(browser.driver().getPageSource()).doesNotContain(password);
    assertThat(browser.driver().findElements(By.id("new-password"))).isEmpty();
    browser.open("/admin/aliases");
    browser.find(By.cssSelector("tr[data-address='" + ALIAS + "']"));
    assertThat(browser.driver().getPageSource()).doesNotContain(password);
    shot("aliases");
  }

  /** The finished download in the folder (not Chromium's partial file), or null. */
  private static Path downloaded() throws Exception {
    try (Stream<Path> files = Files.list(downloads)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".vault"))
          .findFirst()
          .orElse(null);
    }
  }

  private static void shot(String name) throws Exception {
    step++;
    Path file = browser.screenshot(SHOTS.resolve(String.format("journey-%02d-%s.png", step, name)));
    assertThat(Files.size(file)).isGreaterThan(1000);
  }
}
