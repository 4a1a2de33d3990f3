package dev.mailvault.server.web.console;

import static dev.mailvault.server.web.console.ConsoleClient.csrf;
import static dev.mailvault.server.web.console.ConsoleClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.web.WebClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's login against a real node over HTTPS, as an attacker would try it (ADR 0263, 0264):
 * wrong and replayed codes, recovery codes, CSRF, expiry, throttling, cookie flags, and what
 * reaches the disk. Codes come from oathtool at the node's manual clock.
 */
class AdminConsoleSecurityTest {

  private static final String PASSWORD = "a long admin password";

  @TempDir static Path data;
  private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:05Z"));
  private static TestedNode node;

  @BeforeAll
  static void start() throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.test");
    values.put(Setting.LOGIN_FAILURES_PER_NETWORK, "3");
    node = TestedNode.start(values, clock);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private ConsoleClient client() throws Exception {
    return new ConsoleClient(new WebClient(node.clientsData(), node.httpsPort()), clock);
  }

  private static void addAdmin(String name) throws Exception {
    node.directory().adminAccounts().add(name, PASSWORD.toCharArray());
  }

  private static void assertLoggedOut(ConsoleClient c) throws Exception {
    WebClient.Reply health = c.web.get("/admin/health");
    assertThat(health.status()).isEqualTo(303);
    assertThat(health.header("Location")).hasValue("/admin/login");
  }

  @Test
  void aHalfDoneLoginOpensNoPageAndAWrongCodeIsRefused() throws Exception {
    addAdmin("wrong-code");
    ConsoleClient c = client();
    ConsoleClient.Enrolment enrolment = c.enroll("wrong-code", PASSWORD);
    c.logout();

    assertThat(c.password("wrong-code", PASSWORD).status()).isEqualTo(303);
    assertThat(c.web.cookies()).containsKey("__Host-mv-admin-login");
    assertThat(c.web.cookies()).doesNotContainKey("__Host-mv-admin");
    assertLoggedOut(c);
    assertThat(c.web.get("/admin/enroll").status()).as("another step's page").isEqualTo(303);

    WebClient.Reply wrong = c.code(wrongCode(enrolment.secret()));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.text()).contains("That code is wrong or was used already.");
    assertLoggedOut(c);
    WebClient.Reply malformed = c.code("12345x");
    assertThat(malformed.status()).isEqualTo(401);
    assertLoggedOut(c);
  }

  @Test
  void aCodeIsAcceptedOnceAndANewStepsCodeWorks() throws Exception {
    addAdmin("replay");
    ConsoleClient c = client();
    ConsoleClient.Enrolment enrolment = c.enroll("replay", PASSWORD);
    c.logout();

    clock.advance(Duration.ofSeconds(30));
    String code = Oathtool.code(enrolment.secret(), clock.instant());
    WebClient.Reply first = c.login("replay", PASSWORD, code);
    assertThat(first.status()).isEqualTo(303);
    assertThat(first.header("Location")).hasValue("/admin/health");
    c.logout();

    WebClient.Reply replayed = c.login("replay", PASSWORD, code);
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.text()).contains("wrong or was used already");
    // The enrolment's own code is older still.
    assertThat(c.code(Oathtool.code(enrolment.secret(), clock.instant().minusSeconds(30))).status())
        .isEqualTo(401);
    assertLoggedOut(c);

    clock.advance(Duration.ofSeconds(30));
    WebClient.Reply next = c.code(Oathtool.code(enrolment.secret(), clock.instant()));
    assertThat(next.status()).isEqualTo(303);
    assertThat(c.web.get("/admin/health").status()).isEqualTo(200);
  }

  @Test
  void aRecoveryCodeWorksOnceOnly() throws Exception {
    addAdmin("recovery");
    ConsoleClient c = client();
    ConsoleClient.Enrolment enrolment = c.enroll("recovery", PASSWORD);
    assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
    c.logout();

    String code = enrolment.recoveryCodes().get(2);
    WebClient.Reply used = c.login("recovery", PASSWORD, code.toLowerCase());
    assertThat(used.status()).isEqualTo(303);
    assertThat(c.web.get("/admin/health").status()).isEqualTo(200);
    c.logout();
    assertThat(node.directory().adminAccounts().find("recovery").orElseThrow().recoveryCodesLeft())
        .isEqualTo(9);

    WebClient.Reply again = c.login("recovery", PASSWORD, code);
    assertThat(again.status()).isEqualTo(401);
    assertLoggedOut(c);
    // Another admin's codes are not this one's.
    addAdmin("recovery2");
    ConsoleClient other = client();
    other.enroll("recovery2", PASSWORD);
    other.logout();
    assertThat(other.login("recovery2", PASSWORD, enrolment.recoveryCodes().get(3)).status())
        .isEqualTo(401);
  }

  @Test
  void formsWithoutTheRightCsrfTokenAreRefusedAndChangeNothing() throws Exception {
    addAdmin("csrf");
    ConsoleClient c = client();
    c.enroll("csrf", PASSWORD);
    WebClient.Reply health = c.web.get("/admin/health");
    String token = csrf(health);

    WebClient.Reply none = c.web.postForm("/admin/logout", Map.of());
    assertThat(none.status()).isEqualTo(403);
    WebClient.Reply wrong = c.web.postForm("/admin/logout", fields("_csrf", token + "x"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(c.web.get("/admin/health").status()).as("still logged in").isEqualTo(200);

    // The login forms are protected too: the password form by its own cookie's token.
    ConsoleClient fresh = client();
    fresh.web.get("/admin/login");
    WebClient.Reply login =
        fresh.web.postForm(
            "/admin/login", fields("_csrf", "forged", "name", "csrf", "password", PASSWORD));
    assertThat(login.status()).isEqualTo(403);
    assertThat(fresh.web.cookies()).doesNotContainKey("__Host-mv-admin-login");

    assertThat(fresh.password("csrf", PASSWORD).status()).isEqualTo(303);
    WebClient.Reply code =
        fresh.web.postForm("/admin/verify", fields("_csrf", "forged", "code", "123456"));
    assertThat(code.status()).isEqualTo(403);
    assertLoggedOut(fresh);
  }

  @Test
  void anIdleSessionEndsAndTheNextPageAsksForALogin() throws Exception {
    addAdmin("idle");
    ConsoleClient c = client();
    c.enroll("idle", PASSWORD);
    assertThat(c.web.get("/admin/health").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(14));
    assertThat(c.web.get("/admin/health").status()).as("used within the idle time").isEqualTo(200);
    clock.advance(Duration.ofMinutes(16));
    assertLoggedOut(c);
    assertThat(c.web.get("/admin").header("Location")).hasValue("/admin/health");

    // A half-done login lasts five minutes.
    assertThat(c.password("idle", PASSWORD).status()).isEqualTo(303);
    clock.advance(Duration.ofMinutes(6));
    WebClient.Reply late = c.web.get("/admin/verify");
    assertThat(late.status()).isEqualTo(303);
    assertThat(late.header("Location")).hasValue("/admin/login");
  }

  @Test
  void repeatedFailuresBlockTheNameFromThisNetworkWithoutSayingWhetherItExists() throws Exception {
    addAdmin("target");
    ConsoleClient c = client();
    for (int i = 0; i < 3; i++) {
      WebClient.Reply r = c.password("target", "wrong password " + i);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.text()).contains("The name or the password is wrong.");
    }
    WebClient.Reply blocked = c.password("target", PASSWORD);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.text()).contains("Too many failed logins from your network.");
    assertThat(c.web.cookies()).doesNotContainKey("__Host-mv-admin-login");

    for (int i = 0; i < 3; i++) {
      assertThat(c.password("nobody-here", "wrong password " + i).status()).isEqualTo(401);
    }
    WebClient.Reply unknown = c.password("nobody-here", PASSWORD);
    assertThat(unknown.status()).isEqualTo(429);
    assertThat(errorOf(unknown)).isEqualTo(errorOf(blocked));
  }

  @Test
  void cookiesAreHostOnlySecureHttpOnlyAndStrict() throws Exception {
    addAdmin("cookies");
    ConsoleClient c = client();
    WebClient.Reply form = c.web.get("/admin/login");
    WebClient.Reply step =
        c.web.postForm(
            "/admin/login", fields("_csrf", csrf(form), "name", "cookies", "password", PASSWORD));
    WebClient.Reply page = c.web.get("/admin/enroll");
    String secret = page.text().replaceAll("(?s).*id=\"totp-secret\"[^>]*>([A-Z2-7]+)<.*", "$1");
    WebClient.Reply done =
        c.web.postForm(
            "/admin/enroll",
            fields("_csrf", csrf(page), "code", Oathtool.code(secret, clock.instant())));
    List<String> cookies =
        Stream.of(form, step, done).flatMap(r -> r.headers("Set-Cookie").stream()).toList();
    assertThat(cookies)
        .anyMatch(s -> s.startsWith("__Host-mv-admin-form="))
        .anyMatch(s -> s.startsWith("__Host-mv-admin-login="))
        .anyMatch(s -> s.startsWith("__Host-mv-admin="));
    for (String cookie : cookies) {
      assertThat(cookie)
          .startsWith("__Host-")
          .contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict")
          .doesNotContain("Domain=");
    }
  }

  @Test
  void aResetAdminEnrolsAgainAndARemovedOnesSessionEnds() throws Exception {
    addAdmin("lost-phone");
    ConsoleClient c = client();
    ConsoleClient.Enrolment first = c.enroll("lost-phone", PASSWORD);
    c.logout();
    node.directory().adminAccounts().resetTwoFactor("lost-phone");
    ConsoleClient.Enrolment second = c.enroll("lost-phone", PASSWORD);
    assertThat(second.secret()).isNotEqualTo(first.secret());
    assertThat(second.recoveryCodes()).doesNotContainAnyElementsOf(first.recoveryCodes());
    assertThat(c.web.get("/admin/health").status()).isEqualTo(200);

    node.directory().adminAccounts().remove("lost-phone");
    assertLoggedOut(c);
    assertThat(c.password("lost-phone", PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void theDirectoryFileHoldsNoTotpSecretRecoveryCodeOrPassword() throws Exception {
    addAdmin("at-rest");
    ConsoleClient c = client();
    ConsoleClient.Enrolment enrolment = c.enroll("at-rest", PASSWORD);
    c.logout();
    assertThat(filesContaining("at-rest")).as("the scan sees the file").isNotEmpty();
    assertThat(filesContaining(enrolment.secret())).isEmpty();
    assertThat(filesContaining(base32Decode(enrolment.secret()))).isEmpty();
    assertThat(filesContaining(PASSWORD)).isEmpty();
    for (String code : enrolment.recoveryCodes()) {
      assertThat(filesContaining(code)).isEmpty();
      assertThat(filesContaining(code.replace("-", ""))).isEmpty();
    }
  }

  /** A code that matches none of the steps the node accepts now. */
  private static String wrongCode(String secret) throws Exception {
    List<String> accepted = new ArrayList<>();
    for (int s = -1; s <= 1; s++) {
      accepted.add(Oathtool.code(secret, clock.instant().plusSeconds(30L * s)));
    }
    for (String candidate : List.of("000000", "111111", "222222", "333333")) {
      if (!accepted.contains(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("four candidates cannot all be accepted");
  }

  private static String errorOf(WebClient.Reply page) {
    return page.text().replaceAll("(?s).*<p class=\"error\"[^>]*>([^<]*)</p>.*", "$1");
  }

  private static List<Path> filesContaining(String text) throws Exception {
    return filesContaining(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The files at rest that hold {@code needle}: the data directory, and in the cluster fixture the
   * PostgreSQL server's files (tables and write-ahead log), where the directory lives.
   */
  private static List<Path> filesContaining(byte[] needle) throws Exception {
    List<Path> found = new ArrayList<>();
    for (Path root : node.atRest()) {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile() && contains(read(file), needle)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // PostgreSQL's statistics files come and go while it runs.
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return found;
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] base32Decode(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char ch : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
