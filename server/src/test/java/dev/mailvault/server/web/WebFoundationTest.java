package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web listeners of a real node (ADR 0258, 0259): HTTPS, the redirect, errors, headers. */
class WebFoundationTest {

  @TempDir static Path data;
  private static TestedNode node;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"));
    web = new WebClient(node.clientsData(), node.httpsPort());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void servesAssetsOverHttpsWithStrictHeaders() throws Exception {
    WebClient.Reply css = web.get("/static/mailvault.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.header("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(css.header("Strict-Transport-Security")).isPresent();
    assertThat(css.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(css.text()).contains(":root");
  }

  @Test
  void plainHttpRedirectsPagesAndRefusesTheApi() throws Exception {
    WebClient.Reply page = WebClient.plain(node.httpPort(), "GET", "/account?x=1");
    assertThat(page.status()).isEqualTo(308);
    assertThat(page.header("Location"))
        .hasValue("https://127.0.0.1:" + node.httpsPort() + "/account?x=1");
    WebClient.Reply api = WebClient.plain(node.httpPort(), "GET", "/api/v1/domains");
    assertThat(api.status()).isEqualTo(403);
    assertThat(api.json().get("error").asText()).isEqualTo("https_required");
    assertThat(WebClient.plain(node.httpPort(), "GET", "/healthz").status()).isEqualTo(200);
  }

  @Test
  void unknownPathsAndWrongMethodsGetErrors() throws Exception {
    WebClient.Reply missing = web.get("/no/such/page", "Accept", "application/json");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
    WebClient.Reply html = web.get("/no/such/page", "Accept", "text/html");
    assertThat(html.status()).isEqualTo(404);
    assertThat(html.text()).contains("<h1>not found</h1>");
    WebClient.Reply wrong =
        web.json("DELETE", "/static/mailvault.css", null, "Accept", "application/json");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.header("Allow")).hasValue("GET");
    assertThat(web.get("/static/..%2Fmailvault.css").status()).isEqualTo(404);
  }

  @Test
  void theBuiltInEndpointsAnswerOnHttpsToo() throws Exception {
    assertThat(web.get("/healthz").status()).isEqualTo(200);
    assertThat(web.get("/metrics").text()).contains("jvm_");
  }
}
