package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.LoopbackNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page weight (ADR 0270): every page of the console and My account, loaded in the real
 * browser with its cache off, transfers less than 100 KB with everything it loads (Resource
 * Timing's {@code transferSize}: headers and encoded bodies). First contentful paint is measured
 * and written to {@code target/page-weight.txt} with the sizes, but not asserted: timing belongs in
 * BENCHMARKS.md ({@code bench/page-weight.sh}), not in a test that must pass on a loaded machine.
 */
class PageWeightTest {

  /** The limit per page, everything it loads included. */
  private static final long LIMIT_BYTES = 100 * 1024;

  private static final String ALIAS = "anna@example.test";

  /**
   * Every page, with the session it needs. Each feature adds its pages here (the console's under
   * {@link WebSession.Kind#ADMIN}, My account's under {@link WebSession.Kind#ACCOUNT}).
   */
  static final List<Page> PAGES =
      List.of(
          Page.anonymous("/static/mailvault.css"),
          Page.anonymous("/no/such/page"),
          Page.anonymous(
              "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=anna%40example.test"));

  /**
   * A page to weigh.
   *
   * @param session the kind of session the page needs, or null for none
   */
  record Page(String path, WebSession.Kind session) {
    static Page anonymous(String path) {
      return new Page(path, null);
    }

    static Page admin(String path) {
      return new Page(path, WebSession.Kind.ADMIN);
    }

    static Page account(String path) {
      return new Page(path, WebSession.Kind.ACCOUNT);
    }
  }

  private record Weight(
      Page page, long bytes, long documentBytes, int resources, double fcpMillis) {}

  @TempDir static Path data;
  @TempDir static Path profile;
  private static MailvaultNode node;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "chromedriver is not installed");
    node =
        MailvaultNode.start(
            Settings.resolve(LoopbackNode.settings(data, "mx.example.test"), Map.of(), null));
    node.directory().addDomain(DomainName.parse("example.test"));
    node.directory().addAlias(EmailAddress.parse(ALIAS));
    browser = new Browser(profile, node.httpsPort());
    ChromiumDriver chromium = (ChromiumDriver) browser.driver();
    // Each page is weighed as a first visit would be: nothing from the cache.
    chromium.executeCdpCommand("Network.enable", Map.of());
    chromium.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    // The browser's own start-up would land in the first page's first paint.
    browser.open("/static/mailvault.css");
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
  void everyPageTransfersLessThan100KbAndItsFirstPaintIsReported() throws Exception {
    List<Weight> weights = new ArrayList<>();
    for (Page page : PAGES) {
      weights.add(weigh(page));
    }
    Path report = report(weights);
    assertThat(report).exists();
    for (Weight w : weights) {
      // A measurement of 0 would mean the browser hid the sizes, not that the page is light.
      assertThat(w.documentBytes()).as(w.page().path()).isPositive();
      assertThat(w.bytes()).as(w.page().path()).isLessThan(LIMIT_BYTES);
    }
  }

  @Test
  void theSessionCookieThePagesAreWeighedWithReachesTheNode() throws Exception {
    // The My account and console pages are weighed logged in; this proves the cookie works.
    signIn(WebSession.Kind.ACCOUNT);
    browser.open("/static/mailvault.css");
    String script =
        "const done = arguments[arguments.length - 1];"
            + " fetch('/account/mobileconfig', {redirect: 'manual'})"
            + ".then(r => done(r.type + ' ' + r.status), e => done('error ' + e));";
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    assertThat(js.executeAsyncScript(script)).isEqualTo("basic 200");
    signIn(null);
    browser.open("/static/mailvault.css");
    // Without the cookie the route redirects to the login page.
    assertThat(js.executeAsyncScript(script)).isEqualTo("opaqueredirect 0");
  }

  private Weight weigh(Page page) throws Exception {
    signIn(page.session());
    browser.open(page.path());
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(d -> "complete".equals(js.executeScript("return document.readyState")));
    double fcp = -1;
    try {
      Object painted =
          new WebDriverWait(browser.driver(), Duration.ofSeconds(3))
              .until(
                  d ->
                      js.executeScript(
                          "const p = performance.getEntriesByName('first-contentful-paint');"
                              + " return p.length ? p[0].startTime : null;"));
      fcp = ((Number) painted).doubleValue();
    } catch (TimeoutException e) {
      // A page that paints no content (or a viewer Chromium draws itself) has no entry.
    }
    @SuppressWarnings("unchecked")
    List<Object> sizes =
        (List<Object>)
            js.executeScript(
                "const nav = performance.getEntriesByType('navigation')[0];"
                    + " const res = performance.getEntriesByType('resource');"
                    + " let total = nav ? nav.transferSize : 0;"
                    + " for (const r of res) { total += r.transferSize; }"
                    + " return [total, nav ? nav.transferSize : 0, res.length];");
    return new Weight(
        page,
        ((Number) sizes.get(0)).longValue(),
        ((Number) sizes.get(1)).longValue(),
        ((Number) sizes.get(2)).intValue(),
        fcp);
  }

  /** Puts a session cookie of the page's kind in the browser, as a login would. */
  private void signIn(WebSession.Kind kind) throws Exception {
    browser.driver().manage().deleteAllCookies();
    if (kind == null) {
      return;
    }
    String principal = kind == WebSession.Kind.ACCOUNT ? ALIAS : "admin";
    WebSession session = node.webSessions().start(kind, principal, null);
    String value = node.webSessions().cookie(session).split(";", 2)[0].split("=", 2)[1];
    // A cookie is set on the site's origin: open something of it first.
    browser.open("/static/mailvault.css");
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder(kind.cookieName(), value)
                .path("/")
                .isSecure(true)
                .isHttpOnly(true)
                .sameSite("Strict")
                .build());
  }

  /** {@code target/page-weight.txt}: one row per page; bench/page-weight.sh prints it. */
  private static Path report(List<Weight> weights) throws Exception {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %9s %9s %5s %8s  %s%n",
            "session",
            "bytes",
            "document",
            "res",
            "fcp_ms",
            "path"));
    for (Weight w : weights) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-10s %9d %9d %5d %8s  %s%n",
              w.page().session() == null ? "-" : w.page().session().name().toLowerCase(Locale.ROOT),
              w.bytes(),
              w.documentBytes(),
              w.resources(),
              w.fcpMillis() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", w.fcpMillis()),
              w.page().path()));
    }
    Path file = Path.of("target", "page-weight.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
    return file;
  }
}
