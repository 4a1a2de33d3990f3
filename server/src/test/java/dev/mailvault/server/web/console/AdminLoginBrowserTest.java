package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin logs in to the console in a real browser (Debian's Chromium): password, two-factor
 * enrolment read off the page, recovery codes, health, logout, and a second login with a code.
 * Codes come from oathtool at the node's manual clock. Screenshots of each page go to {@code
 * target/screenshots/}.
 */
class AdminLoginBrowserTest {

  private static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  @TempDir static Path profile;
  private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:05Z"));
  private static TestedNode node;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "Debian's chromium-driver is not installed");
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"), clock);
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
  void anAdminEnrolsLogsOutAndLogsInAgainWithACode() throws Exception {
    char[] generated = node.directory().adminAccounts().add("root");
    String password = new String(generated);

    browser.open("/admin");
    browser.find(By.id("name"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/login");
    assertThat(browser.driver().getTitle()).isEqualTo("Console login · Mailvault");
    shot("admin-login");
    logIn("root", password);

    WebElement secretText = browser.find(By.id("totp-secret"));
    String secret = secretText.getText().strip();
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(browser.find(By.cssSelector("figure.qr svg")).getAttribute("aria-label"))
        .contains("QR code");
    shot("admin-enroll");
    browser.type("code", Oathtool.code(secret, clock.instant()));
    browser.find(By.cssSelector("form button[type=submit]")).click();

    List<WebElement> codes =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
            .until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#recovery-codes li"), 10));
    assertThat(codes.get(0).getText()).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}");
    shot("admin-recovery-codes");
    browser.find(By.id("continue")).click();

    assertHealthPage();
    shot("admin-health");
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    shot("admin-health-phone");
    browser.driver().manage().window().setSize(new Dimension(1280, 900));

    browser.find(By.cssSelector("nav form button")).click();
    browser.find(By.id("name"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/login");
    browser.open("/admin/health");
    browser.find(By.id("name"));
    assertThat(browser.driver().getCurrentUrl()).as("logged out").endsWith("/admin/login");

    clock.advance(Duration.ofSeconds(30));
    logIn("root", password);
    browser.find(By.id("code"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/verify");
    shot("admin-verify");
    browser.type("code", Oathtool.code(secret, clock.instant()));
    browser.find(By.cssSelector("form button[type=submit]")).click();
    assertHealthPage();
  }

  private static void logIn(String name, String password) {
    ConsoleLogin.password(browser, name, password);
  }

  private static void assertHealthPage() {
    browser.find(By.id("health-status"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/health");
    assertThat(browser.find(By.id("health-status")).getText()).isIn("ok", "degraded");
    assertThat(browser.find(By.id("readiness")).getText()).isEqualTo("ready");
    assertThat(browser.find(By.id("queue-depth")).getText()).isEqualTo("0 messages");
    assertThat(browser.find(By.id("web-sessions")).getText()).isEqualTo("1");
    assertThat(browser.find(By.id("version")).getText()).startsWith("mailvault ");
    List<String> nav =
        browser.driver().findElements(By.cssSelector("header nav a")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(nav).containsExactly("Health", "Domains", "Aliases", "Backups", "Queue");
    assertThat(browser.find(By.cssSelector("a.skip")).getAttribute("href")).endsWith("#main");
  }

  private static void shot(String name) throws Exception {
    Path file = browser.screenshot(SHOTS.resolve(name + ".png"));
    assertThat(Files.size(file)).isGreaterThan(1000);
  }
}
