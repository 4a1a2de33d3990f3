package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's domains and aliases pages in a real browser (Debian's Chromium) against a real
 * node: a domain added through the form, its DNS records red while nothing answers and green once a
 * real DNS server (dnsmasq) publishes them, an alias added through the form with its generated
 * password shown once and removed by the page's script.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final String DOMAIN = "console.test";

  @TempDir static Path data;
  @TempDir static Path profile;
  @TempDir static Path zoneDirectory;
  private static TestedNode node;
  private static Browser browser;
  private static DnsmasqZone zone;
  private static int dnsPort;
  private static String expiringTab;
  private static String expiringUrl;
  private static String expiringPassword;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "Debian's chromium-driver is not installed");
    // The node asks a port where nothing answers yet (as NoDns's does); dnsmasq comes there later.
    dnsPort = DnsmasqZone.freePort();
    Map<Setting, String> values = LoopbackNode.settings(data, "mx." + DOMAIN);
    values.put(Setting.DNS_RESOLVERS, "127.0.0.1:" + dnsPort);
    node = TestedNode.start(values);
    browser = new Browser(profile, node.httpsPort());
    ConsoleSession.into(browser, node);
    // A password whose 30 seconds run while the other tests use a second tab.
    node.directory().addDomain(DomainName.parse("expiring.test"));
    expiringPassword = addAlias("bob@expiring.test");
    expiringUrl = browser.driver().getCurrentUrl();
    expiringTab = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (zone != null) {
      zone.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void aDomainAddedThroughThePageShowsItsRecordsRedThenGreenOncePublished() throws Exception {
    browser.open("/admin/domains");
    browser.type("domain-name", DOMAIN);
    browser.find(By.cssSelector("form[action='/admin/domains'] button[type=submit]")).click();
    browser.find(By.id("domain-console-test"));
    assertThat(browser.text()).contains("Added " + DOMAIN).contains("DNS not checked.");

    click("Check DNS of " + DOMAIN);
    browser.find(By.xpath("//p[starts-with(normalize-space(.), 'DNS: 0 of')]"));
    List<WebElement> rows = rows();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
    for (WebElement row : rows) {
      assertThat(row.getAttribute("data-state")).as(row.getText()).isEqualTo("bad");
      assertThat(row.findElement(By.cssSelector(".mark")).getText()).startsWith("✘ no answer");
    }
    WebElement mx = row(DOMAIN + ".", "MX");
    assertThat(value(mx)).isEqualTo("10 mx." + DOMAIN + ".");
    browser.screenshot(SCREENSHOTS.resolve("console-domains-unpublished.png"));

    // Publish exactly what the page says for MX, SPF, DKIM and DMARC; not MTA-STS, TLS-RPT, SRV.
    zone = new DnsmasqZone().mx(DOMAIN, "mx." + DOMAIN, 10);
    int published = 1;
    for (WebElement row : rows()) {
      String name = row.getAttribute("data-name");
      if (!"TXT".equals(row.getAttribute("data-type"))) {
        continue;
      }
      if (name.equals(DOMAIN + ".")
          || name.contains("._domainkey.")
          || name.startsWith("_dmarc.")) {
        zone.txt(name.substring(0, name.length() - 1), value(row));
        published++;
      }
    }
    assertThat(published).as("MX, SPF, two DKIM keys, DMARC").isEqualTo(5);
    zone.start(zoneDirectory, dnsPort);

    click("Check DNS of " + DOMAIN);
    browser.find(By.xpath("//p[starts-with(normalize-space(.), 'DNS: " + published + " of')]"));
    for (WebElement row : rows()) {
      String name = row.getAttribute("data-name");
      String mark = row.findElement(By.cssSelector(".mark")).getText();
      boolean ours =
          name.equals(DOMAIN + ".") || name.contains("._domainkey.") || name.startsWith("_dmarc.");
      if (ours) {
        assertThat(row.getAttribute("data-state")).as(name).isEqualTo("ok");
        assertThat(mark).isEqualTo("✔ published");
      } else {
        assertThat(row.getAttribute("data-state")).as(name).isEqualTo("bad");
        assertThat(mark).isEqualTo("✘ missing");
      }
    }
    browser.screenshot(SCREENSHOTS.resolve("console-domains-checked.png"));
  }

  @Test
  @Order(2)
  void anAliasAddedThroughThePageShowsItsPasswordOnce() throws Exception {
    String password = addAlias("alice@" + DOMAIN);
    try (UnlockedAlias unlocked =
        node.directory().unlock("alice@" + DOMAIN, password.toCharArray())) {
      assertThat(unlocked.vaultId()).isNotEmpty();
    }
    // Without JavaScript the page goes back to the list after 30 s.
    assertThat(browser.driver().getPageSource())
        .contains("<meta http-equiv=\"refresh\" content=\"30;url=/admin/aliases\">");
    browser.screenshot(SCREENSHOTS.resolve("console-aliases-password.png"));

    // A reload sends the form again: refused, the alias exists; the password is not shown.
    browser.driver().navigate().refresh();
    acceptResubmission();
    browser.find(By.tagName("h1"));
    assertThat(browser.driver().getPageSource()).doesNotContain(password);
    assertThat(browser.driver().findElements(By.id("new-password"))).isEmpty();

    browser.open("/admin/aliases");
    browser.find(By.cssSelector("tr[data-address='alice@" + DOMAIN + "']"));
    assertThat(browser.driver().getPageSource()).doesNotContain(password);
    assertThat(browser.text()).contains("no quota");
    browser.screenshot(SCREENSHOTS.resolve("console-aliases.png"));
  }

  @Test
  @Order(3)
  void theScriptRemovesTheGeneratedPasswordAfterThirtySeconds() throws Exception {
    // The password was shown in its own tab before the other tests ran (they take no part of it).
    browser.driver().switchTo().window(expiringTab);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(40))
        .until(ExpectedConditions.numberOfElementsToBe(By.id("new-password"), 0));
    // Removed by the script in place (no navigation), which says so.
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(expiringUrl);
    assertThat(browser.find(By.id("password-removed")).getText())
        .isEqualTo("The password was removed from this page.");
    assertThat(browser.driver().getPageSource()).doesNotContain(expiringPassword);
  }

  private static String addAlias(String address) {
    browser.open("/admin/aliases");
    browser.type("alias-address", address);
    browser.find(By.cssSelector("form[action='/admin/aliases'] button[type=submit]")).click();
    String password = browser.find(By.id("password")).getText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    assertThat(browser.find(By.id("new-password")).getText()).contains(address);
    return password;
  }

  private static void acceptResubmission() {
    try {
      browser.driver().switchTo().alert().accept();
    } catch (NoAlertPresentException e) {
      // This Chromium re-sent the form without asking.
    }
  }

  private static void click(String buttonText) {
    browser.find(By.xpath("//button[normalize-space(.)='" + buttonText + "']")).click();
  }

  private static List<WebElement> rows() {
    return browser.driver().findElements(By.cssSelector("table.records tbody tr"));
  }

  private static WebElement row(String name, String type) {
    return browser.find(By.cssSelector("tr[data-name='" + name + "'][data-type='" + type + "']"));
  }

  private static String value(WebElement row) {
    return row.findElement(By.cssSelector("code.record-value")).getText();
  }
}
