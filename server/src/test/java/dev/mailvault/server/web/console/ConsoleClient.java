package dev.mailvault.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.web.WebClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's login steps over {@link WebClient}, as a browser without JavaScript does them. */
final class ConsoleClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<");
  private static final Pattern CODE = Pattern.compile("<li><code>([A-Z2-7-]{19})</code></li>");

  final WebClient web;
  private final Clock clock;

  ConsoleClient(WebClient web, Clock clock) {
    this.web = web;
    this.clock = clock;
  }

  static String csrf(WebClient.Reply page) {
    Matcher m = CSRF.matcher(page.text());
    assertThat(m.find()).as(page.text()).isTrue();
    return m.group(1);
  }

  /** Step one; returns the answer to the password form. */
  WebClient.Reply password(String name, String password) throws Exception {
    WebClient.Reply form = web.get("/admin/login");
    assertThat(form.status()).isEqualTo(200);
    return web.postForm(
        "/admin/login", fields("_csrf", csrf(form), "name", name, "password", password));
  }

  /** Enrols after a right password: returns the secret and the recovery codes shown. */
  Enrolment enroll(String name, String password) throws Exception {
    WebClient.Reply answer = password(name, password);
    assertThat(answer.status()).as(answer.text()).isEqualTo(303);
    assertThat(answer.header("Location")).hasValue("/admin/enroll");
    WebClient.Reply page = web.get("/admin/enroll");
    Matcher m = SECRET.matcher(page.text());
    assertThat(m.find()).as(page.text()).isTrue();
    String secret = m.group(1);
    WebClient.Reply done =
        web.postForm(
            "/admin/enroll",
            fields("_csrf", csrf(page), "code", Oathtool.code(secret, clock.instant())));
    assertThat(done.status()).as(done.text()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    Matcher c = CODE.matcher(done.text());
    while (c.find()) {
      codes.add(c.group(1));
    }
    return new Enrolment(secret, codes, done);
  }

  /** The second step of an enrolled admin: the answer to the code form. */
  WebClient.Reply login(String name, String password, String code) throws Exception {
    WebClient.Reply answer = password(name, password);
    assertThat(answer.status()).as(answer.text()).isEqualTo(303);
    assertThat(answer.header("Location")).hasValue("/admin/verify");
    return code(code);
  }

  /** Sends a code on the verify form of the login under way. */
  WebClient.Reply code(String code) throws Exception {
    WebClient.Reply page = web.get("/admin/verify");
    assertThat(page.status()).isEqualTo(200);
    return web.postForm("/admin/verify", fields("_csrf", csrf(page), "code", code));
  }

  /** Logs out through the nav's form. */
  void logout() throws Exception {
    WebClient.Reply health = web.get("/admin/health");
    assertThat(health.status()).isEqualTo(200);
    WebClient.Reply out = web.postForm("/admin/logout", fields("_csrf", csrf(health)));
    assertThat(out.status()).isEqualTo(303);
  }

  static Map<String, String> fields(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  record Enrolment(String secret, List<String> recoveryCodes, WebClient.Reply page) {}
}
