package dev.mailvault.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.app.AdminTokens;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.outbound.DeferringNetwork;
import dev.mailvault.server.web.WebClient;
import dev.mailvault.server.web.WebSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API of a real node over HTTPS, end to end: every operation of the OpenAPI document and
 * every error code, each answer validated against the document's schema for its path, method and
 * status. Tokens are made by the application layer the CLI uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALIAS = "hello@example.test";
  private static final String MARKER = "api-export-marker-7f3a";

  @TempDir static Path data;
  private static TestedNode node;
  private static WebClient web;
  private static OpenApiContract contract;
  private static String admin;
  private static String reader;
  private static String revoked;
  private static String password;

  @BeforeAll
  static void start() throws Exception {
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"), new DeferringNetwork());
    web = new WebClient(node.clientsData(), node.httpsPort());
    AdminTokens tokens = new AdminTokens(node.directory());
    admin = tokens.create("e2e admin", AdminTokens.ADMIN).token();
    reader = tokens.create("e2e reader", AdminTokens.READ).token();
    AdminTokens.Created gone = tokens.create("e2e revoked", AdminTokens.ADMIN);
    tokens.revoke(gone.info().id());
    revoked = gone.token();
    WebClient.Reply doc = web.get("/api/v1/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    contract = new OpenApiContract(doc.json());
    contract.check("GET", "/api/v1/openapi.json", doc);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Sends a request and checks its answer against the document. */
  private static WebClient.Reply call(
      String token, String method, String template, Map<String, String> params, String body)
      throws Exception {
    String path = template;
    for (Map.Entry<String, String> p : params.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    String query = params.getOrDefault("?", "");
    String[] headers =
        token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
    WebClient.Reply reply = web.json(method, path + query, body, headers);
    contract.check(method, template, reply);
    return reply;
  }

  private static WebClient.Reply call(String method, String template, Map<String, String> params)
      throws Exception {
    return call(admin, method, template, params, null);
  }

  private static WebClient.Reply call(
      String method, String template, Map<String, String> params, String body) throws Exception {
    return call(admin, method, template, params, body);
  }

  private static Map<String, String> alias() {
    return Map.of("address", ALIAS);
  }

  private static String code(WebClient.Reply reply) throws Exception {
    return reply.json().path("error").asText();
  }

  @Test
  @Order(1)
  void tokensAreCheckedAndScoped() throws Exception {
    WebClient.Reply none = call(null, "GET", "/api/v1/domains", Map.of(), null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(code(none)).isEqualTo("unauthorized");
    assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    WebClient.Reply unknown =
        call("mvt_" + "A".repeat(43), "GET", "/api/v1/domains", Map.of(), null);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(call(revoked, "GET", "/api/v1/domains", Map.of(), null).status()).isEqualTo(401);

    assertThat(call(reader, "GET", "/api/v1/domains", Map.of(), null).status()).isEqualTo(200);
    WebClient.Reply write =
        call(reader, "POST", "/api/v1/domains", Map.of(), "{\"name\":\"example.test\"}");
    assertThat(write.status()).isEqualTo(403);
    assertThat(code(write)).isEqualTo("forbidden");
    assertThat(node.directory().listDomains()).isEmpty();
  }

  @Test
  @Order(2)
  void domainsAndTheirDnsRecords() throws Exception {
    WebClient.Reply added =
        call("POST", "/api/v1/domains", Map.of(), "{\"name\":\"example.test\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().path("name").asText()).isEqualTo("example.test");
    assertThat(added.header("Location")).hasValue("/api/v1/domains/example.test");
    WebClient.Reply again =
        call("POST", "/api/v1/domains", Map.of(), "{\"name\":\"example.test\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("conflict");
    WebClient.Reply bad = call("POST", "/api/v1/domains", Map.of(), "{\"name\":\"not a domain\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(code(bad)).isEqualTo("bad_request");
    assertThat(call("POST", "/api/v1/domains", Map.of(), "{\"name\": 7}").status()).isEqualTo(400);
    assertThat(call("POST", "/api/v1/domains", Map.of(), "{\"nme\":1").status()).isEqualTo(400);
    WebClient.Reply form =
        web.send(
            "POST",
            "/api/v1/domains",
            "text/plain",
            "example.org".getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + admin);
    contract.check("POST", "/api/v1/domains", form);
    assertThat(form.status()).isEqualTo(415);
    assertThat(code(form)).isEqualTo("unsupported_media_type");

    JsonNode list = call("GET", "/api/v1/domains", Map.of()).json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("maxBytes").isNull()).isTrue();
    assertThat(call("GET", "/api/v1/domains/{domain}", Map.of("domain", "example.test")).status())
        .isEqualTo(200);
    WebClient.Reply missing =
        call("GET", "/api/v1/domains/{domain}", Map.of("domain", "nowhere.test"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(code(missing)).isEqualTo("not_found");

    JsonNode dns =
        call("GET", "/api/v1/domains/{domain}/dns", Map.of("domain", "example.test")).json();
    assertThat(dns.path("records").toString())
        .contains("\"type\":\"MX\"")
        .contains("v=DKIM1")
        .contains("v=spf1");
    assertThat(
            call("GET", "/api/v1/domains/{domain}/dns", Map.of("domain", "nowhere.test")).status())
        .isEqualTo(404);
    JsonNode check =
        call("GET", "/api/v1/domains/{domain}/dns/check", Map.of("domain", "example.test")).json();
    // The test's resolver knows nothing: no record is published, so none is ok.
    assertThat(check.path("ok").asBoolean()).isFalse();
    assertThat(check.path("records")).isNotEmpty();
    check.path("records").forEach(r -> assertThat(r.path("verdict").asText()).isNotEqualTo("ok"));
    assertThat(
            call("GET", "/api/v1/domains/{domain}/dns/check", Map.of("domain", "nowhere.test"))
                .status())
        .isEqualTo(404);
  }

  @Test
  @Order(3)
  void aliasesWithAGeneratedPasswordShownOnce() throws Exception {
    WebClient.Reply added =
        call("POST", "/api/v1/aliases", Map.of(), "{\"address\":\"" + ALIAS + "\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.header("Cache-Control")).hasValue("no-store");
    password = added.json().path("password").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    try (UnlockedAlias unlocked = node.directory().unlock(ALIAS, password.toCharArray())) {
      assertThat(unlocked.address().toString()).isEqualTo(ALIAS);
    }
    // Shown once: reading the alias never shows it again.
    WebClient.Reply shown = call("GET", "/api/v1/aliases/{address}", alias());
    assertThat(shown.text()).doesNotContain(password).doesNotContain("password");

    assertThat(call("POST", "/api/v1/aliases", Map.of(), "{\"address\":\"" + ALIAS + "\"}"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(409));
    WebClient.Reply weak =
        call(
            "POST",
            "/api/v1/aliases",
            Map.of(),
            "{\"address\":\"weak@example.test\",\"password\":\"short\"}");
    assertThat(weak.status()).isEqualTo(422);
    assertThat(code(weak)).isEqualTo("weak_password");
    WebClient.Reply chosen =
        call(
            "POST",
            "/api/v1/aliases",
            Map.of(),
            "{\"address\":\"chosen@example.test\",\"password\":\"a long chosen passphrase 42\"}");
    assertThat(chosen.status()).isEqualTo(201);
    assertThat(chosen.json().has("password")).isFalse();
    assertThat(
            call("POST", "/api/v1/aliases", Map.of(), "{\"address\":\"x@nowhere.test\"}").status())
        .isEqualTo(404);
    assertThat(call("POST", "/api/v1/aliases", Map.of(), "{}").status()).isEqualTo(400);
    String longAddress = "a".repeat(400) + "@example.test";
    assertThat(
            call("POST", "/api/v1/aliases", Map.of(), "{\"address\":\"" + longAddress + "\"}")
                .status())
        .isEqualTo(400);
    WebClient.Reply formAlias =
        web.send(
            "POST",
            "/api/v1/aliases",
            "application/x-www-form-urlencoded",
            "address=a%40example.test".getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + admin);
    contract.check("POST", "/api/v1/aliases", formAlias);
    assertThat(formAlias.status()).isEqualTo(415);

    assertThat(call("GET", "/api/v1/aliases", Map.of()).json()).hasSize(2);
    assertThat(call("GET", "/api/v1/aliases", Map.of("?", "?domain=example.test")).json())
        .hasSize(2);
    assertThat(call("GET", "/api/v1/aliases", Map.of("?", "?domain=nowhere.test")).status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/aliases", Map.of("?", "?domain=bad%20domain")).status())
        .isEqualTo(400);
    assertThat(call("GET", "/api/v1/aliases/{address}", Map.of("address", "no@example.test")))
        .satisfies(r -> assertThat(r.status()).isEqualTo(404));
    assertThat(call("GET", "/api/v1/aliases/{address}", Map.of("address", "not-an-address")))
        .satisfies(r -> assertThat(r.status()).isEqualTo(400));

    JsonNode quota =
        call(
                "PUT",
                "/api/v1/aliases/{address}/quota",
                alias(),
                "{\"maxBytes\":1000000,\"maxMessages\":null}")
            .json();
    assertThat(quota.path("maxBytes").asLong()).isEqualTo(1_000_000);
    assertThat(quota.path("maxMessages").isNull()).isTrue();
    assertThat(
            call("PUT", "/api/v1/aliases/{address}/quota", alias(), "{\"maxBytes\":-1}").status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PUT",
                    "/api/v1/aliases/{address}/quota",
                    Map.of("address", "no@example.test"),
                    "{}")
                .status())
        .isEqualTo(404);
    call("PUT", "/api/v1/aliases/{address}/quota", alias(), "{}");

    assertThat(
            call("PUT", "/api/v1/aliases/{address}/mode", alias(), "{\"mode\":\"both\"}")
                .json()
                .path("mode")
                .asText())
        .isEqualTo("both");
    assertThat(call("PUT", "/api/v1/aliases/{address}/mode", alias(), "{\"mode\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PUT",
                    "/api/v1/aliases/{address}/mode",
                    Map.of("address", "no@example.test"),
                    "{\"mode\":\"store\"}")
                .status())
        .isEqualTo(404);
    call("PUT", "/api/v1/aliases/{address}/mode", alias(), "{\"mode\":\"store\"}");
  }

  @Test
  @Order(4)
  void forwardsAndSendAs() throws Exception {
    WebClient.Reply hook =
        call(
            "POST",
            "/api/v1/aliases/{address}/forwards",
            alias(),
            "{\"target\":\"https://hooks.example.net/in\"}");
    assertThat(hook.status()).isEqualTo(201);
    assertThat(hook.json().path("webhookSecret").asText()).hasSize(64);
    WebClient.Reply again =
        call(
            "POST",
            "/api/v1/aliases/{address}/forwards",
            alias(),
            "{\"target\":\"https://hooks.example.net/in\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("added").asBoolean()).isFalse();
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/forwards",
                    alias(),
                    "{\"target\":\"http://plain.example.net/\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/forwards",
                    Map.of("address", "no@example.test"),
                    "{\"target\":\"a@b.example\"}")
                .status())
        .isEqualTo(404);
    JsonNode forwards = call("GET", "/api/v1/aliases/{address}/forwards", alias()).json();
    assertThat(forwards).hasSize(1);
    assertThat(
            call("GET", "/api/v1/aliases/{address}/forwards", Map.of("address", "no@example.test"))
                .status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/aliases/{address}/forwards", Map.of("address", "bad")).status())
        .isEqualTo(400);
    String id = forwards.get(0).path("id").asText();
    assertThat(
            call(
                    "DELETE",
                    "/api/v1/aliases/{address}/forwards/{target}",
                    Map.of("address", ALIAS, "target", id))
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    "DELETE",
                    "/api/v1/aliases/{address}/forwards/{target}",
                    Map.of("address", ALIAS, "target", id))
                .status())
        .isEqualTo(404);
    assertThat(
            call(
                    "DELETE",
                    "/api/v1/aliases/{address}/forwards/{target}",
                    Map.of("address", "bad", "target", id))
                .status())
        .isEqualTo(400);

    String from = "{\"address\":\"team@example.test\"}";
    assertThat(call("POST", "/api/v1/aliases/{address}/send-as", alias(), from).status())
        .isEqualTo(201);
    assertThat(call("POST", "/api/v1/aliases/{address}/send-as", alias(), from).status())
        .isEqualTo(200);
    assertThat(
            call("POST", "/api/v1/aliases/{address}/send-as", alias(), "{\"address\":\"x\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/send-as",
                    Map.of("address", "no@example.test"),
                    from)
                .status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/aliases/{address}/send-as", alias()).json().toString())
        .contains("team@example.test");
    assertThat(
            call("GET", "/api/v1/aliases/{address}/send-as", Map.of("address", "no@example.test"))
                .status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/aliases/{address}/send-as", Map.of("address", "bad")).status())
        .isEqualTo(400);
    Map<String, String> both = Map.of("address", ALIAS, "from", "team@example.test");
    assertThat(call("DELETE", "/api/v1/aliases/{address}/send-as/{from}", both).status())
        .isEqualTo(200);
    assertThat(call("DELETE", "/api/v1/aliases/{address}/send-as/{from}", both).status())
        .isEqualTo(404);
    assertThat(
            call(
                    "DELETE",
                    "/api/v1/aliases/{address}/send-as/{from}",
                    Map.of("address", ALIAS, "from", "bad"))
                .status())
        .isEqualTo(400);
  }

  @Test
  @Order(5)
  void passwordChangeAndReset() throws Exception {
    WebClient.Reply wrong =
        call(
            "POST",
            "/api/v1/aliases/{address}/password",
            alias(),
            "{\"oldPassword\":\"not the password\"}");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(code(wrong)).isEqualTo("wrong_password");
    assertThat(call("POST", "/api/v1/aliases/{address}/password", alias(), "{}").status())
        .isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/password",
                    Map.of("address", "no@example.test"),
                    "{\"oldPassword\":\"whatever it is\"}")
                .status())
        .isEqualTo(404);
    WebClient.Reply weak =
        call(
            "POST",
            "/api/v1/aliases/{address}/password",
            alias(),
            "{\"oldPassword\":\"" + password + "\",\"newPassword\":\"short\"}");
    assertThat(weak.status()).isEqualTo(422);
    WebClient.Reply changed =
        call(
            "POST",
            "/api/v1/aliases/{address}/password",
            alias(),
            "{\"oldPassword\":\"" + password + "\"}");
    assertThat(changed.status()).isEqualTo(200);
    String next = changed.json().path("password").asText();
    assertThat(next).isNotEqualTo(password).hasSizeGreaterThanOrEqualTo(12);
    password = next;
    try (UnlockedAlias unlocked = node.directory().unlock(ALIAS, password.toCharArray())) {
      assertThat(unlocked.vaultId()).isNotBlank();
    }

    WebClient.Reply unconfirmed = call("POST", "/api/v1/aliases/{address}/reset", alias(), "{}");
    assertThat(unconfirmed.status()).isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/reset",
                    Map.of("address", "no@example.test"),
                    "{\"discardMail\":true}")
                .status())
        .isEqualTo(404);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/reset",
                    alias(),
                    "{\"discardMail\":true,\"password\":\"short\"}")
                .status())
        .isEqualTo(422);
    WebClient.Reply reset =
        call("POST", "/api/v1/aliases/{address}/reset", alias(), "{\"discardMail\":true}");
    assertThat(reset.status()).isEqualTo(200);
    password = reset.json().path("password").asText();
    try (UnlockedAlias unlocked = node.directory().unlock(ALIAS, password.toCharArray())) {
      assertThat(unlocked.vaultId()).isNotBlank();
    }
  }

  @Test
  @Order(6)
  void backupsAsJobsAndADownloadWhoseHashMatchesTheList() throws Exception {
    deliver(ALIAS);
    WebClient.Reply noPassword = call("POST", "/api/v1/aliases/{address}/backups", alias(), null);
    assertThat(noPassword.status()).isEqualTo(202);
    JsonNode failed = finished(noPassword);
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("error").path("error").asText()).isEqualTo("password_required");

    WebClient.Reply started =
        call(
            "POST",
            "/api/v1/aliases/{address}/backups",
            alias(),
            "{\"password\":\"" + password + "\"}");
    assertThat(started.status()).isEqualTo(202);
    JsonNode done = finished(started);
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.path("result").path("outcome").asText()).isEqualTo("uploaded");
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/backups",
                    Map.of("address", "no@example.test"),
                    null)
                .status())
        .isEqualTo(404);
    assertThat(call("POST", "/api/v1/aliases/{address}/backups", Map.of("address", "bad"), null))
        .satisfies(r -> assertThat(r.status()).isEqualTo(400));

    JsonNode list = call("GET", "/api/v1/aliases/{address}/backups", alias()).json();
    assertThat(list).hasSize(1);
    String sha256 = list.get(0).path("sha256").asText();
    assertThat(
            call("GET", "/api/v1/aliases/{address}/backups", Map.of("address", "no@example.test"))
                .status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/aliases/{address}/backups", Map.of("address", "bad")).status())
        .isEqualTo(400);

    WebClient.Reply download = call("GET", "/api/v1/aliases/{address}/backups/download", alias());
    assertThat(download.status()).isEqualTo(200);
    assertThat(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
        .isEqualTo(sha256);
    assertThat(download.header("X-Backup-SHA256")).hasValue(sha256);
    assertThat(
            call(
                    "GET",
                    "/api/v1/aliases/{address}/backups/download",
                    Map.of("address", ALIAS, "?", "?at=2000-01-01T00:00:00Z"))
                .status())
        .isEqualTo(404);
    assertThat(
            call(
                    "GET",
                    "/api/v1/aliases/{address}/backups/download",
                    Map.of("address", ALIAS, "?", "?at=yesterday"))
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "GET",
                    "/api/v1/aliases/{address}/backups/download",
                    Map.of("address", "no@example.test"))
                .status())
        .isEqualTo(404);

    // A damaged backup target is the storage's failure, not the client's.
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(node.storageData().resolve("backups"))) {
      manifests = files.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertThat(manifests).hasSize(1);
    byte[] manifest = Files.readAllBytes(manifests.get(0));
    Files.writeString(manifests.get(0), "{not json");
    try {
      WebClient.Reply storage = call("GET", "/api/v1/aliases/{address}/backups", alias());
      assertThat(storage.status()).isEqualTo(502);
      assertThat(code(storage)).isEqualTo("storage");
      assertThat(call("GET", "/api/v1/aliases/{address}/backups/download", alias()).status())
          .isEqualTo(502);
    } finally {
      Files.write(manifests.get(0), manifest);
    }

    assertThat(call("POST", "/api/v1/aliases/{address}/restore", alias(), "{}").status())
        .isEqualTo(422);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/restore",
                    Map.of("address", "no@example.test"),
                    "{\"password\":\"whatever it is\"}")
                .status())
        .isEqualTo(404);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/restore",
                    alias(),
                    "{\"password\":\"x\",\"at\":\"soon\"}")
                .status())
        .isEqualTo(400);
    JsonNode wrong =
        finished(
            call(
                "POST",
                "/api/v1/aliases/{address}/restore",
                alias(),
                "{\"password\":\"not the password\"}"));
    assertThat(wrong.path("error").path("error").asText()).isEqualTo("wrong_password");
    JsonNode restored =
        finished(
            call(
                "POST",
                "/api/v1/aliases/{address}/restore",
                alias(),
                "{\"password\":\"" + password + "\"}"));
    assertThat(restored.path("state").asText()).as(restored.toString()).isEqualTo("done");
    assertThat(restored.path("result").path("restored").path("sha256").asText()).isEqualTo(sha256);

    assertThat(call("GET", "/api/v1/jobs/{id}", Map.of("id", "nosuchjob")).status()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void exportsRunInTheBackgroundAndAreDownloadedOnce() throws Exception {
    Map<String, String> a = alias();
    assertThat(call("POST", "/api/v1/aliases/{address}/exports", a, "{\"format\":\"mbox\"}"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(422));
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/exports",
                    a,
                    "{\"format\":\"pdf\",\"password\":\"x\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/exports",
                    a,
                    "{\"format\":\"mbox\",\"password\":\"not the password\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            call(
                    "POST",
                    "/api/v1/aliases/{address}/exports",
                    Map.of("address", "no@example.test"),
                    "{\"format\":\"mbox\",\"password\":\"x\"}")
                .status())
        .isEqualTo(404);

    String body = "{\"format\":\"mbox\",\"password\":\"" + password + "\"}";
    WebClient.Reply started = call("POST", "/api/v1/aliases/{address}/exports", a, body);
    assertThat(started.status()).isEqualTo(202);
    String id = started.json().path("id").asText();
    Map<String, String> job = Map.of("id", id);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !call("GET", "/api/v1/exports/{id}", job)
                    .json()
                    .path("state")
                    .asText()
                    .equals("running"));
    JsonNode status = call("GET", "/api/v1/exports/{id}", job).json();
    assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("done");
    assertThat(status.path("messagesDone").asLong()).isEqualTo(1);
    assertThat(status.path("messagesTotal").asLong()).isEqualTo(1);
    // Waiting for its download, the export is on disk only sealed.
    assertThat(filesContaining(MARKER)).isEmpty();

    WebClient.Reply download = call("GET", "/api/v1/exports/{id}/download", job);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.text()).startsWith("From ").contains(MARKER);
    assertThat(call("GET", "/api/v1/exports/{id}/download", job).status()).isEqualTo(404);
    assertThat(call("GET", "/api/v1/exports/{id}", job).status()).isEqualTo(404);
    try (Stream<Path> temp = Files.list(node.storageData().resolve("temp"))) {
      assertThat(temp.filter(p -> p.getFileName().toString().startsWith("export-"))).isEmpty();
    }

    // Another owner never sees it; a failed export is not ready for download.
    WebClient.Reply other = call("POST", "/api/v1/aliases/{address}/exports", a, body);
    Map<String, String> otherJob = Map.of("id", other.json().path("id").asText());
    assertThat(call(reader, "GET", "/api/v1/exports/{id}", otherJob, null).status()).isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !call("GET", "/api/v1/exports/{id}", otherJob)
                    .json()
                    .path("state")
                    .asText()
                    .equals("running"));
    call("GET", "/api/v1/exports/{id}/download", otherJob);

    Path temp = node.storageData().resolve("temp");
    Path aside = node.storageData().resolve("temp-aside");
    Files.move(temp, aside);
    Files.writeString(temp, "not a directory");
    String failedId;
    try {
      failedId =
          call("POST", "/api/v1/aliases/{address}/exports", a, body).json().path("id").asText();
      Map<String, String> failed = Map.of("id", failedId);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  call("GET", "/api/v1/exports/{id}", failed)
                      .json()
                      .path("state")
                      .asText()
                      .equals("failed"));
      WebClient.Reply notReady = call("GET", "/api/v1/exports/{id}/download", failed);
      assertThat(notReady.status()).isEqualTo(409);
      assertThat(code(notReady)).isEqualTo("not_ready");
    } finally {
      Files.delete(temp);
      Files.move(aside, temp);
    }
  }

  @Test
  @Order(8)
  void theQueueByIdWithoutAddresses() throws Exception {
    String id = node.outbox().submit(message("bob@remote.test"));
    await().until(() -> node.outboundQueue().show(id).map(e -> e.attempts() >= 1).orElse(false));
    WebClient.Reply list = call("GET", "/api/v1/queue", Map.of());
    assertThat(list.json()).hasSize(1);
    assertThat(list.text()).contains("remote.test").doesNotContain("bob").doesNotContain(MARKER);
    JsonNode shown = call("GET", "/api/v1/queue/{id}", Map.of("id", id)).json();
    assertThat(shown.path("domains").toString()).contains("remote.test");
    assertThat(call("POST", "/api/v1/queue/{id}/retry", Map.of("id", id)).status()).isEqualTo(200);
    assertThat(call("DELETE", "/api/v1/queue/{id}", Map.of("id", id)).status()).isEqualTo(200);
    assertThat(node.outboundQueue().list()).isEmpty();
    for (String op : List.of("GET /api/v1/queue/{id}", "DELETE /api/v1/queue/{id}")) {
      String[] parts = op.split(" ");
      assertThat(call(parts[0], parts[1], Map.of("id", id)).status()).isEqualTo(404);
      assertThat(call(parts[0], parts[1], Map.of("id", "x".repeat(65))).status()).isEqualTo(400);
    }
    assertThat(call("POST", "/api/v1/queue/{id}/retry", Map.of("id", id)).status()).isEqualTo(404);
    assertThat(call("POST", "/api/v1/queue/{id}/retry", Map.of("id", "x".repeat(65))).status())
        .isEqualTo(400);
  }

  @Test
  @Order(9)
  void webSessionsByHandleNeverByCookie() throws Exception {
    WebSession session = node.webSessions().start(WebSession.Kind.ADMIN, "root", null);
    JsonNode list = call("GET", "/api/v1/sessions", Map.of()).json();
    assertThat(list).hasSize(1);
    String handle = list.get(0).path("handle").asText();
    assertThat(list.get(0).path("principal").asText()).isEqualTo("root");
    String cookie = node.webSessions().cookie(session);
    assertThat(cookie).doesNotContain(handle);
    assertThat(list.toString())
        .doesNotContain(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')));
    Map<String, String> h = Map.of("handle", handle);
    assertThat(call("DELETE", "/api/v1/sessions/{handle}", h).status()).isEqualTo(200);
    assertThat(node.webSessions().size()).isZero();
    assertThat(call("DELETE", "/api/v1/sessions/{handle}", h).status()).isEqualTo(404);
    assertThat(call("DELETE", "/api/v1/sessions/{handle}", Map.of("handle", "x".repeat(65))))
        .satisfies(r -> assertThat(r.status()).isEqualTo(400));
  }

  @Test
  @Order(10)
  void removingAliasesAndDomains() throws Exception {
    WebClient.Reply notEmpty =
        call("DELETE", "/api/v1/domains/{domain}", Map.of("domain", "example.test"));
    assertThat(notEmpty.status()).isEqualTo(409);
    assertThat(call("DELETE", "/api/v1/aliases/{address}", alias()).status()).isEqualTo(200);
    assertThat(call("DELETE", "/api/v1/aliases/{address}", alias()).status()).isEqualTo(404);
    assertThat(call("DELETE", "/api/v1/aliases/{address}", Map.of("address", "bad")).status())
        .isEqualTo(400);
    JsonNode removed =
        call(
                "DELETE",
                "/api/v1/domains/{domain}",
                Map.of("domain", "example.test", "?", "?force=true"))
            .json();
    assertThat(removed.path("aliases").toString()).contains("chosen@example.test");
    assertThat(call("DELETE", "/api/v1/domains/{domain}", Map.of("domain", "example.test")))
        .satisfies(r -> assertThat(r.status()).isEqualTo(404));
    assertThat(call("DELETE", "/api/v1/domains/{domain}", Map.of("domain", "a%20b")).status())
        .isEqualTo(400);
    assertThat(call("GET", "/api/v1/domains/{domain}/dns", Map.of("domain", "a%20b")).status())
        .isEqualTo(400);
    assertThat(call("GET", "/api/v1/domains/{domain}/dns/check", Map.of("domain", "a%20b")))
        .satisfies(r -> assertThat(r.status()).isEqualTo(400));
    assertThat(call("GET", "/api/v1/domains/{domain}", Map.of("domain", "a%20b")).status())
        .isEqualTo(400);
  }

  @Test
  @Order(11)
  void errorsOutsideTheOperations() throws Exception {
    WebClient.Reply method =
        web.json("PUT", "/api/v1/domains", "{}", "Authorization", "Bearer " + admin);
    contract.check("PUT", null, method);
    assertThat(method.status()).isEqualTo(405);
    WebClient.Reply plain = WebClient.plain(node.httpPort(), "GET", "/api/v1/domains");
    contract.check("GET", null, plain);
    assertThat(plain.status()).isEqualTo(403);
    assertThat(code(plain)).isEqualTo("https_required");
  }

  @Test
  @Order(12)
  void everyOperationAndErrorCodeWasExercised() {
    assertThat(contract.exercised()).containsExactlyInAnyOrderElementsOf(contract.operations());
    // internal and busy need a server fault or an overloaded node; every other code was answered.
    List<String> expected =
        contract.documentedCodes().stream()
            .filter(c -> !c.equals("internal") && !c.equals("busy"))
            .toList();
    assertThat(contract.errorCodes()).containsAll(expected);
  }

  private static JsonNode finished(WebClient.Reply started) throws Exception {
    String id = started.json().path("id").asText();
    assertThat(started.header("Location")).hasValue("/api/v1/jobs/" + id);
    Map<String, String> job = Map.of("id", id);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !call("GET", "/api/v1/jobs/{id}", job)
                    .json()
                    .path("state")
                    .asText()
                    .equals("running"));
    return call("GET", "/api/v1/jobs/{id}", job).json();
  }

  private static void deliver(String to) throws Exception {
    String id = node.outbox().submit(message(to));
    await().until(() -> node.outboundQueue().show(id).isEmpty());
  }

  private static OutboundMessage message(String to) {
    byte[] raw =
        ("From: <chosen@example.test>\r\nTo: <"
                + to
                + ">\r\nSubject: api\r\n\r\n"
                + MARKER
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new OutboundMessage(
        "chosen@example.test",
        "chosen@example.test",
        List.of(OutboundRecipient.of(to)),
        raw,
        Instant.now(),
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  private static List<Path> filesContaining(String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(data)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (java.io.IOException e) {
                  return false;
                }
              })
          .toList();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
