package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.web.Browser;
import java.time.Clock;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's real login in the browser, as a person does it: name and password on the login
 * page, then the two-factor step (enrolment on the first login, a code afterwards), with codes from
 * oathtool at the clock the node was started with.
 */
public final class ConsoleLogin {

  private ConsoleLogin() {}

  /** Opens the login page afresh (its form goes with the browser's cookies) and sends it. */
  public static void password(Browser browser, String name, String password) {
    browser.open("/admin/login");
    browser.type("name", name);
    browser.type("password", password);
    browser.find(By.cssSelector("form button[type=submit]")).click();
  }

  /**
   * Enrols on the page the password step led to: reads the secret off the page, confirms it with
   * oathtool's code, and continues past the recovery codes.
   *
   * @return the TOTP secret (base32)
   */
  public static String enrol(Browser browser, Clock clock) throws Exception {
    String secret = browser.find(By.id("totp-secret")).getText().strip();
    assertThat(secret).matches("[A-Z2-7]{32}");
    browser.type("code", Oathtool.code(secret, clock.instant()));
    browser.find(By.cssSelector("form button[type=submit]")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#recovery-codes li"), 10));
    return secret;
  }

  /** Leaves the recovery codes' page for the console (the health page). */
  public static void continueToConsole(Browser browser) {
    browser.find(By.id("continue")).click();
    browser.find(By.id("health-status"));
  }

  /** Sends oathtool's code on the verify page the password step of an enrolled admin led to. */
  public static void code(Browser browser, String secret, Clock clock) throws Exception {
    browser.find(By.id("code"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/verify");
    browser.type("code", Oathtool.code(secret, clock.instant()));
    browser.find(By.cssSelector("form button[type=submit]")).click();
  }
}
