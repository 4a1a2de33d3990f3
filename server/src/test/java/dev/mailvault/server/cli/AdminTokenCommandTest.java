package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault admin token create|list|revoke} in a real process: the token is printed once,
 * never stored (only its hash), listed without it, and revoked by id.
 */
class AdminTokenCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void createListRevoke() throws Exception {
    CliProcess cli = new CliProcess(data);
    Result created = cli.run("admin", "token", "create", "monitoring", "--scope", "read", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode json = JSON.readTree(created.stdout());
    String token = json.path("token").asText();
    assertThat(token).startsWith("mvt_").hasSize(47);
    assertThat(json.path("scope").asText()).isEqualTo("read");
    long id = json.path("id").asLong();

    Result human = cli.run("admin", "token", "create", "deploy");
    assertThat(human.exitCode()).as(human.toString()).isZero();
    assertThat(human.stdout())
        .contains("scope admin")
        .contains("token: mvt_")
        .contains("shown once");

    Result list = cli.run("admin", "token", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.stdout()).contains("monitoring").contains("deploy").doesNotContain(token);

    try (Stream<Path> files = Files.walk(data)) {
      byte[] needle = token.getBytes(StandardCharsets.US_ASCII);
      assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, needle))).isEmpty();
    }

    Result revoke = cli.run("admin", "token", "revoke", Long.toString(id));
    assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    assertThat(revoke.stdout()).contains("revoked token " + id);
    Result again = cli.run("admin", "token", "revoke", Long.toString(id));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("no live token");
    JsonNode listed = JSON.readTree(cli.run("admin", "token", "list", "--json").stdout());
    assertThat(listed.get(0).path("revoked").asText()).isNotEmpty();
    assertThat(listed.get(1).path("revoked").asText()).isEmpty();

    Result badScope = cli.run("admin", "token", "create", "x", "--scope", "root");
    assertThat(badScope.exitCode()).isEqualTo(1);
    assertThat(badScope.stderr()).contains("the scope is read or admin");
  }

  private static boolean contains(Path file, byte[] needle) {
    try {
      byte[] hay = Files.readAllBytes(file);
      outer:
      for (int i = 0; i <= hay.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
