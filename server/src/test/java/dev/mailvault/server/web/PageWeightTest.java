package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.console.ConsoleLogin;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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

  private static final String ADMIN = "weigh";

  /** An admin who is half-way through enrolment (weighs the enrolment page). */
  private static final String ENROLLING = "enrolling";

  /** An enrolled admin whose password step leads to the code page. */
  private static final String ENROLLED = "enrolled";

  /**
   * Every GET page, with the access it needs and the heading that proves it rendered (not the login
   * page a missing session sends to). Each feature adds its pages here.
   */
  static final List<Page> PAGES =
      List.of(
          Page.anonymous("/static/mailvault.css", null),
          Page.anonymous("/no/such/page", null),
          Page.anonymous(
              "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=anna%40example.test",
              null),
          Page.anonymous("/admin/login", "Mailvault console"),
          new Page("/admin/enroll", Access.ADMIN_ENROLLING, "Set up two-factor login"),
          new Page("/admin/verify", Access.ADMIN_VERIFYING, "Two-factor login"),
          Page.admin("/admin/health", "Server health"),
          Page.admin("/admin/domains", "Domains"),
          Page.admin("/admin/domains?check=1", "Domains"),
          Page.admin("/admin/domains/example.test/remove", "Remove example.test"),
          Page.admin("/admin/aliases", "Aliases"),
          Page.admin("/admin/aliases/remove?address=anna%40example.test", "Remove " + ALIAS),
          Page.admin(
              "/admin/aliases/reset?address=anna%40example.test", "Reset the password of " + ALIAS),
          Page.admin("/admin/backups", "Backups"),
          Page.admin("/admin/backups?alias=anna%40example.test", "Backups of " + ALIAS),
          Page.admin("/admin/queue", "Outbound queue"),
          Page.anonymous("/account/login", "My account"),
          Page.account("/account", "Overview"),
          Page.account("/account/password", "Change password"),
          Page.account("/account/app-passwords", "App passwords"),
          Page.account("/account/two-factor", "Two-factor authentication"),
          Page.account("/account/delivery", "Delivery"),
          Page.account("/account/setup", "Mail client setup"),
          Page.account("/account/backups", "Backups"),
          Page.account("/account/export", "Export"));

  /** What a page needs before it is opened. */
  enum Access {
    NONE,
    ADMIN,
    ACCOUNT,
    /** The console's login after the password of an admin without a second factor. */
    ADMIN_ENROLLING,
    /** The console's login after the password of an enrolled admin. */
    ADMIN_VERIFYING
  }

  /**
   * A page to weigh.
   *
   * @param heading the page's {@code h1}, or null for what is not an HTML page of ours
   */
  record Page(String path, Access access, String heading) {
    static Page anonymous(String path, String heading) {
      return new Page(path, Access.NONE, heading);
    }

    static Page admin(String path, String heading) {
      return new Page(path, Access.ADMIN, heading);
    }

    static Page account(String path, String heading) {
      return new Page(path, Access.ACCOUNT, heading);
    }
  }

  private record Weight(
      Page page,
      long bytes,
      long documentBytes,
      int resources,
      double fcpMillis,
      String heading,
      List<Object> accessibility) {}

  /**
   * What a page of ours must have for a screen reader and a keyboard (issue 17: "labels, keyboard
   * use"): a language, a viewport for phones, a skip link to the main content, a label for every
   * field, a name for every button and image. Returns the problems found.
   */
  private static final String ACCESSIBILITY =
      "const problems = [];"
          + " if (!document.documentElement.lang) problems.push('no lang');"
          + " if (!document.querySelector('meta[name=viewport]')) problems.push('no viewport');"
          + " if (!document.querySelector('a[href=\"#main\"]')) problems.push('no skip link');"
          + " for (const f of document.querySelectorAll('input, select, textarea')) {"
          + "   if (['hidden', 'submit', 'button'].includes(f.type)) continue;"
          + "   if (!(f.labels && f.labels.length) && !f.getAttribute('aria-label')"
          + "       && !f.getAttribute('aria-labelledby')) problems.push('unlabelled ' + f.name);"
          + " }"
          + " for (const b of document.querySelectorAll('button, input[type=submit]')) {"
          + "   const name = (b.textContent || b.value || b.getAttribute('aria-label') || '').trim();"
          + "   if (!name) problems.push('nameless button');"
          + " }"
          + " for (const i of document.querySelectorAll('img')) {"
          + "   if (!i.hasAttribute('alt')) problems.push('img without alt');"
          + " }"
          + " for (const g of document.querySelectorAll('svg[role=img]')) {"
          + "   if (!g.getAttribute('aria-label')) problems.push('svg without a name');"
          + " }"
          + " return problems;";

  @TempDir static Path data;
  @TempDir static Path profile;
  private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:05Z"));
  private static TestedNode node;
  private static Browser browser;
  private static String aliasPassword;
  private static String adminPassword;
  private static String enrollingPassword;
  private static String enrolledPassword;
  private static String enrolledSecret;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "chromedriver is not installed");
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"), clock);
    node.directory().addDomain(DomainName.parse("example.test"));
    // An alias with its vault, as `alias add` makes it; its generated password unlocks it.
    try (NewAlias alias =
        new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
            .create(EmailAddress.parse(ALIAS), null)) {
      aliasPassword = new String(alias.generatedPassword().orElseThrow());
    }
    adminPassword = new String(node.directory().adminAccounts().add(ADMIN));
    enrollingPassword = new String(node.directory().adminAccounts().add(ENROLLING));
    enrolledPassword = new String(node.directory().adminAccounts().add(ENROLLED));
    browser = new Browser(profile, node.httpsPort());
    // The enrolled admin enrols once, through the pages.
    browser.open("/admin/login");
    ConsoleLogin.password(browser, ENROLLED, enrolledPassword);
    enrolledSecret = ConsoleLogin.enrol(browser, clock);
    browser.driver().manage().deleteAllCookies();
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
      if (w.page().heading() != null) {
        assertThat(w.heading()).as(w.page().path()).isEqualTo(w.page().heading());
      }
      // A measurement of 0 would mean the browser hid the sizes, not that the page is light.
      assertThat(w.documentBytes()).as(w.page().path()).isPositive();
      assertThat(w.bytes()).as(w.page().path()).isLessThan(LIMIT_BYTES);
      assertThat(w.accessibility()).as("accessibility of " + w.page().path()).isEmpty();
    }
  }

  @Test
  void theSessionCookieThePagesAreWeighedWithReachesTheNode() throws Exception {
    // The My account and console pages are weighed logged in; this proves the cookie works.
    signIn(Access.ACCOUNT);
    browser.open("/static/mailvault.css");
    String script =
        "const done = arguments[arguments.length - 1];"
            + " fetch('/account/mobileconfig', {redirect: 'manual'})"
            + ".then(r => done(r.type + ' ' + r.status), e => done('error ' + e));";
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    assertThat(js.executeAsyncScript(script)).isEqualTo("basic 200");
    signIn(Access.NONE);
    browser.open("/static/mailvault.css");
    // Without the cookie the route redirects to the login page.
    assertThat(js.executeAsyncScript(script)).isEqualTo("opaqueredirect 0");
  }

  private Weight weigh(Page page) throws Exception {
    signIn(page.access());
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
    String heading =
        (String)
            js.executeScript(
                "const h = document.querySelector('h1'); return h ? h.textContent.trim() : null;");
    @SuppressWarnings("unchecked")
    List<Object> accessibility =
        page.heading() == null ? List.of() : (List<Object>) js.executeScript(ACCESSIBILITY);
    return new Weight(
        page,
        ((Number) sizes.get(0)).longValue(),
        ((Number) sizes.get(1)).longValue(),
        ((Number) sizes.get(2)).intValue(),
        fcp,
        heading,
        accessibility);
  }

  /**
   * Gives the browser what the page needs: a session as a login would leave it (an admin who
   * exists; an account session holding the alias's unlocked key), or a console login half-way.
   */
  private void signIn(Access access) throws Exception {
    browser.driver().manage().deleteAllCookies();
    switch (access) {
      case NONE:
        return;
      case ADMIN_ENROLLING:
        ConsoleLogin.password(browser, ENROLLING, enrollingPassword);
        browser.find(By.id("totp-secret"));
        return;
      case ADMIN_VERIFYING:
        ConsoleLogin.password(browser, ENROLLED, enrolledPassword);
        browser.find(By.id("code"));
        return;
      default:
        break;
    }
    WebSession session;
    if (access == Access.ACCOUNT) {
      UnlockedAlias held = node.directory().unlock(ALIAS, aliasPassword.toCharArray());
      session = node.webSessions().start(WebSession.Kind.ACCOUNT, ALIAS, held);
    } else {
      session = node.webSessions().start(WebSession.Kind.ADMIN, ADMIN, null);
    }
    String value = node.webSessions().cookie(session).split(";", 2)[0].split("=", 2)[1];
    // A cookie is set on the site's origin: open something of it first.
    browser.open("/static/mailvault.css");
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder(session.kind().cookieName(), value)
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
            "%-16s %9s %9s %5s %8s  %s%n",
            "access",
            "bytes",
            "document",
            "res",
            "fcp_ms",
            "path"));
    for (Weight w : weights) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %9d %9d %5d %8s  %s%n",
              w.page().access().name().toLowerCase(Locale.ROOT).replace('_', '-'),
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
