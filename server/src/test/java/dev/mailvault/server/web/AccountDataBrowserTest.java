package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.backup.BackupSetup;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.MxSender;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * My account's backups and exports in a real browser over a real node (issue 17, ADR 0273): the
 * owner backs up and downloads the encrypted backup (its SHA-256 is the backup service's), exports
 * mbox, eml-zip and sqlite with the progress page reaching done, and downloads each once; another
 * alias's session sees none of it; a POST without CSRF is refused; a waiting export leaves no
 * message text in plaintext anywhere under the data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountDataBrowserTest {

  private static final String PASSWORD = "the owner's long password";
  private static final String MARKER = "Marker" + UUID.randomUUID().toString().replace("-", "");
  private static final int MESSAGES = 3;
  private static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  @TempDir static Path profile;
  private static TestedNode node;
  private static Settings settings;
  private static Browser browser;

  /** What the owner's browser saw: the backup's created time and SHA-256. */
  private static String backupCreated;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Browser.available(), "chromium and chromedriver are needed (.ci/run installs)");
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.test");
    settings = Settings.resolve(values, Map.of(), null);
    node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse("owner@example.com").domain());
    AliasLifecycle aliases =
        new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")));
    for (String alias : List.of("owner", "stranger")) {
      aliases.create(EmailAddress.parse(alias + "@example.com"), PASSWORD.toCharArray()).close();
    }
    for (int i = 1; i <= MESSAGES; i++) {
      assertThat(deliver("owner@example.com", subject(i), MARKER + " body " + i)).startsWith("250");
    }
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
  void theOwnerBacksUpAndDownloadsTheEncryptedBackup() throws Exception {
    browserLogin("owner@example.com");
    browser.find(By.id("overview-backups")).click();
    assertThat(browser.find(By.id("none")).getText()).contains("None yet");
    browser.find(By.id("back-up")).click();
    String sha = browser.find(By.cssSelector("#backups .sha256")).getText();
    backupCreated = browser.find(By.cssSelector("#backups .created")).getText();
    assertThat(browser.find(By.id("notice")).getText()).contains("Backup done");
    shot("account-backups");

    // The values `backup list` prints come from BackupService.list.
    DataLayout layout = DataLayout.open(node.storageData(), data);
    try (BackupTarget target = BackupSetup.target(layout, settings)) {
      BackupService service =
          BackupSetup.service(layout, settings, node.directory(), node.vaults(), target);
      List<BackupManifest> list = service.list(EmailAddress.parse("owner@example.com"));
      assertThat(list).hasSize(1);
      assertThat(list.get(0).sha256Hex()).isEqualTo(sha);
      assertThat(list.get(0).created().toString()).isEqualTo(backupCreated);
    }

    String href =
        browser
            .find(By.cssSelector("#backups a.download"))
            .getAttribute("href")
            .replaceFirst("^https://[^/]+", "");
    WebClient.Reply download = asBrowser(href);
    assertThat(download.status()).isEqualTo(200);
    assertThat(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
        .isEqualTo(sha);
    assertThat(new String(download.body(), StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
  }

  @Test
  @Order(2)
  void theOwnerExportsMboxAndEmlZipAndSqliteEachDownloadableOnce() throws Exception {
    browserLogin("owner@example.com");
    byte[] mbox = exportInBrowser("mbox", null);
    String text = new String(mbox, StandardCharsets.UTF_8);
    for (int i = 1; i <= MESSAGES; i++) {
      assertThat(text).contains("Subject: " + subject(i));
    }
    assertThat(text).startsWith("From ");

    byte[] zip = exportInBrowser("eml-zip", null);
    List<String> emls = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".eml")) {
          emls.add(e.getName());
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(emls).hasSize(MESSAGES);
    for (int i = 1; i <= MESSAGES; i++) {
      assertThat(all.toString()).contains("Subject: " + subject(i));
    }

    // sqlite is keyed by the password: without it the form says so; with it the file is locked.
    browser.open("/account/export");
    browser.find(By.id("format-sqlite")).click();
    browser.find(By.id("start-export")).click();
    assertThat(browser.find(By.id("error")).getText()).contains("password");
    byte[] sqlite = exportInBrowser("sqlite", PASSWORD);
    assertThat(sqlite.length).isGreaterThan(0);
    assertThat(new String(sqlite, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
  }

  @Test
  @Order(3)
  void aWaitingExportLeavesNoPlaintextOnDisk() throws Exception {
    WebClient owner = new WebClient(node.clientsData(), node.httpsPort());
    login(owner, "owner@example.com");
    WebClient.Reply started =
        owner.postForm(
            "/account/export", Map.of("_csrf", csrf(owner, "/account/export"), "format", "mbox"));
    assertThat(started.status()).isEqualTo(303);
    String job = started.header("Location").orElseThrow();
    assertThat(job).startsWith("/account/export/");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(d -> uncheckedGet(owner, job).contains("id=\"download\""));
    List<Path> plaintext = new ArrayList<>();
    byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (contains(Files.readAllBytes(f), marker)) {
          plaintext.add(f);
        }
      }
    }
    assertThat(plaintext).as("files with message text in plaintext").isEmpty();

    // Another alias's session: neither this export nor the owner's backup exists for it.
    WebClient stranger = new WebClient(node.clientsData(), node.httpsPort());
    login(stranger, "stranger@example.com");
    assertThat(stranger.get(job).status()).isEqualTo(404);
    assertThat(stranger.get(job + "/download").status()).isEqualTo(404);
    assertThat(stranger.get("/account/backups/download?created=" + backupCreated).status())
        .isEqualTo(404);
    assertThat(stranger.get("/account/backups").text()).doesNotContain(backupCreated);
    assertThat(stranger.get("/account/export").text()).doesNotContain(job);

    // CSRF missing: refused, nothing started.
    assertThat(owner.postForm("/account/backups", Map.of()).status()).isEqualTo(403);
    assertThat(owner.postForm("/account/export", Map.of("format", "mbox")).status()).isEqualTo(403);

    WebClient.Reply body = owner.get(job + "/download");
    assertThat(body.status()).isEqualTo(200);
    assertThat(body.text()).contains("Subject: " + subject(1));
    assertThat(owner.get(job + "/download").status()).isEqualTo(404);
  }

  // Helpers

  /** Starts an export on the page, waits for the progress page to be done, downloads it once. */
  private static byte[] exportInBrowser(String format, String password) throws Exception {
    browser.open("/account");
    browser.find(By.cssSelector("nav a[href='/account/export']")).click();
    browser.find(By.id("format-" + format)).click();
    if (password != null) {
      browser.type("password", password);
    }
    browser.find(By.id("start-export")).click();
    browser.find(By.id("state"));
    // The page refreshes itself (meta refresh) until the link appears.
    String href =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
            .until(
                d ->
                    d.findElements(By.id("download")).isEmpty()
                        ? null
                        : d.findElement(By.id("download")))
            .getAttribute("href")
            .replaceFirst("^https://[^/]+", "");
    assertThat(browser.find(By.id("messages-done")).getText())
        .isEqualTo(Integer.toString(MESSAGES));
    assertThat(browser.find(By.id("messages-total")).getText())
        .isEqualTo(Integer.toString(MESSAGES));
    shot("account-export-" + format);
    WebClient.Reply first = asBrowser(href);
    assertThat(first.status()).isEqualTo(200);
    WebClient.Reply second = asBrowser(href);
    assertThat(second.status()).isEqualTo(404);
    return first.body();
  }

  /** A GET with the browser's session cookie. */
  private static WebClient.Reply asBrowser(String path) throws Exception {
    StringBuilder cookie = new StringBuilder();
    for (Cookie c : browser.driver().manage().getCookies()) {
      cookie
          .append(cookie.length() == 0 ? "" : "; ")
          .append(c.getName())
          .append('=')
          .append(c.getValue());
    }
    return new WebClient(node.clientsData(), node.httpsPort())
        .get(path, "Cookie", cookie.toString());
  }

  private static String uncheckedGet(WebClient web, String path) {
    try {
      return web.get(path).text();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String subject(int i) {
    return MARKER + " subject " + i;
  }

  private static void browserLogin(String address) {
    browser.driver().manage().deleteAllCookies();
    browser.open("/account/login");
    browser.type("address", address);
    browser.type("password", PASSWORD);
    browser.find(By.id("login")).click();
    browser.find(By.id("logout"));
  }

  private static void login(WebClient web, String address) throws Exception {
    assertThat(
            web.postForm("/account/login", Map.of("address", address, "password", PASSWORD))
                .status())
        .isEqualTo(303);
  }

  private static String csrf(WebClient web, String page) throws Exception {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(web.get(page).text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void shot(String name) throws Exception {
    browser.screenshot(SHOTS.resolve(name + ".png"));
  }

  /** One message into the node's MX over a raw socket; the reply to the end of its data. */
  private static String deliver(String to, String subject, String body) throws Exception {
    return MxSender.deliver(node.smtpPort(), to, subject, body);
  }
}
