package dev.mailvault.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (nothing is
 * downloaded): a real browser for the console's tests. It accepts the node's self-signed
 * certificate, keeps its profile in a temporary folder, and saves screenshots where tests ask.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");

  private final ChromeDriver driver;
  private final String base;

  /**
   * @param profile an empty folder for the browser's profile
   * @param httpsPort the node's HTTPS port; pages are opened at {@code https://127.0.0.1:PORT}
   */
  public Browser(Path profile, int httpsPort) {
    this(profile, httpsPort, null);
  }

  /**
   * A browser that saves downloads into a folder without asking.
   *
   * @param downloads the folder a clicked download is saved to, or null for Chromium's default
   */
  public Browser(Path profile, int httpsPort, Path downloads) {
    ChromeOptions options = new ChromeOptions();
    if (downloads != null) {
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toAbsolutePath().toString(),
              "download.prompt_for_download",
              false,
              "safebrowsing.enabled",
              false));
    }
    if (Files.isExecutable(CHROMIUM)) {
      options.setBinary(CHROMIUM.toFile());
    }
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--ignore-certificate-errors",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    if (downloads != null) {
      // Headless Chromium also wants to be told through DevTools, whatever its profile says.
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }
    this.base = "https://127.0.0.1:" + httpsPort;
  }

  /** Whether this machine has Debian's chromium and chromedriver (CI installs them). */
  public static boolean available() {
    return Files.isExecutable(CHROMEDRIVER);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the node's HTTPS site. */
  public void open(String path) {
    driver.get(base + path);
  }

  /** The element, once it is present (at most 20 s: a condition, not a sleep). */
  public WebElement find(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Types into the field with this id after clearing it. */
  public void type(String id, String text) {
    WebElement field = find(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** The visible text of the page's body. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves a PNG of the viewport. */
  public Path screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
