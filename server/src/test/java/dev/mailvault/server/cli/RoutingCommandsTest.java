package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alias mode|forward|webhook-log} and {@code domain catch-all|forward} as a script sees them
 * (issue 15, ADR 0240, 0243).
 */
class RoutingCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @Test
  void modeAndTargetsAreSetListedAndRemoved() throws Exception {
    cli().run("domain", "add", "example.com");
    assertThat(cli().run("alias", "add", "alice@example.com").exitCode()).isZero();

    Result mode = cli().run("alias", "mode", "alice@example.com", "both", "--json");
    assertThat(mode.exitCode()).as(mode.stderr()).isZero();
    assertThat(JSON.readTree(mode.stdout()).get("mode").asText()).isEqualTo("both");

    Result address = cli().run("alias", "forward", "alice@example.com", "add", "Bob@Far.Example");
    assertThat(address.exitCode()).as(address.stderr()).isZero();
    assertThat(address.stdout()).contains("added Bob@far.example").doesNotContain("secret");

    Result hook =
        cli()
            .run(
                "alias",
                "forward",
                "alice@example.com",
                "add",
                "https://hooks.example/in",
                "--json");
    assertThat(hook.exitCode()).as(hook.stderr()).isZero();
    String secret = JSON.readTree(hook.stdout()).get("webhookSecret").asText();
    assertThat(secret).matches("[0-9a-f]{64}");

    Result second =
        cli().run("alias", "forward", "alice@example.com", "add", "https://other.example/in");
    assertThat(second.stdout()).doesNotContain("webhook secret");

    Result rotated =
        cli().run("alias", "forward", "alice@example.com", "secret", "--rotate", "--json");
    assertThat(rotated.exitCode()).as(rotated.stderr()).isZero();
    assertThat(JSON.readTree(rotated.stdout()).get("webhookSecret").asText())
        .matches("[0-9a-f]{64}")
        .isNotEqualTo(secret);

    JsonNode list =
        JSON.readTree(
            cli().run("alias", "forward", "alice@example.com", "list", "--json").stdout());
    assertThat(list.toString()).contains("Bob@far.example", "https://hooks.example/in");
    String id = null;
    for (JsonNode row : list.isArray() ? list : list.path("rows")) {
      if (row.get("target").asText().equals("https://hooks.example/in")) {
        id = row.get("id").asText();
      }
    }
    assertThat(id).isNotNull();

    assertThat(cli().run("alias", "forward", "alice@example.com", "remove", id).stdout())
        .contains("removed");
    assertThat(
            cli()
                .run("alias", "forward", "alice@example.com", "remove", "bob@far.example")
                .stdout())
        .contains("removed");
    assertThat(cli().run("alias", "forward", "alice@example.com", "list").stdout())
        .contains("https://other.example/in")
        .doesNotContain("far.example");
    assertThat(cli().run("alias", "webhook-log", "alice@example.com").stdout())
        .contains("no webhook attempts");
  }

  @Test
  void catchAllAndDomainForwardAreSetAndTurnedOff() throws Exception {
    cli().run("domain", "add", "example.com");
    cli().run("domain", "add", "old.example");
    cli().run("alias", "add", "alice@example.com");

    Result catchAll = cli().run("domain", "catch-all", "example.com", "alice@example.com");
    assertThat(catchAll.exitCode()).as(catchAll.stderr()).isZero();
    assertThat(catchAll.stdout()).contains("goes to alice@example.com");
    assertThat(cli().run("domain", "catch-all", "example.com", "--off").stdout())
        .contains("no catch-all");

    Result forward = cli().run("domain", "forward", "old.example", "example.com", "--json");
    assertThat(forward.exitCode()).as(forward.stderr()).isZero();
    assertThat(JSON.readTree(forward.stdout()).get("forwardTo").asText()).isEqualTo("example.com");
    assertThat(cli().run("domain", "forward", "old.example", "--off").stdout())
        .contains("is not forwarded");
  }

  @Test
  void mistakesAreOneLineAndNonZero() throws Exception {
    cli().run("domain", "add", "example.com");
    cli().run("alias", "add", "alice@example.com");
    for (Result r :
        new Result[] {
          cli().run("alias", "mode", "alice@example.com", "sometimes"),
          cli().run("alias", "mode", "nobody@example.com", "store"),
          cli().run("alias", "forward", "alice@example.com", "add", "http://plain.example/in"),
          cli().run("alias", "forward", "alice@example.com", "add", "not an address"),
          cli().run("alias", "forward", "alice@example.com", "add"),
          cli().run("alias", "forward", "alice@example.com", "jump"),
          cli().run("alias", "forward", "alice@example.com", "secret"),
          cli().run("domain", "catch-all", "example.com"),
          cli().run("domain", "catch-all", "example.com", "nobody@example.com"),
          cli().run("domain", "forward", "example.com", "example.com"),
          cli().run("domain", "forward", "nosuch.example", "example.com")
        }) {
      assertThat(r.exitCode()).as(r.toString()).isNotZero();
      assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList())
          .as(r.stderr())
          .hasSize(1);
      assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
    }
  }
}
