package dev.mailvault.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin socket on a real Unix domain socket: operations by name, progress, errors, mode. */
class AdminSocketTest {

  @TempDir Path data;

  private AdminOperations operations() {
    AdminOperations ops = new AdminOperations();
    ops.register(
        "test.echo",
        (args, progress) -> {
          progress.accept("working on " + args.path("word").asText());
          progress.accept("almost done");
          return Map.of("echo", args.path("word").asText());
        });
    ops.register(
        "test.locked",
        (args, progress) -> {
          throw new AdminException(AdminException.PASSWORD_REQUIRED, "locked");
        });
    ops.register(
        "test.refuse",
        (args, progress) -> {
          throw new MailvaultException("refused for a reason");
        });
    return ops;
  }

  @Test
  void runsANamedOperationStreamingItsProgress() throws Exception {
    Path socket = data.resolve("admin.sock");
    try (AdminSocketServer server = AdminSocketServer.start(socket, operations())) {
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      AdminClient client = AdminClient.ifRunning(socket).orElseThrow();
      List<String> progress = new ArrayList<>();
      JsonNode result = client.call("test.echo", Map.of("word", "hello"), progress::add);
      assertThat(result.get("echo").asText()).isEqualTo("hello");
      assertThat(progress).containsExactly("working on hello", "almost done");

      assertThatThrownBy(() -> client.call("test.locked", Map.of(), p -> {}))
          .isInstanceOfSatisfying(
              AdminException.class,
              e -> assertThat(e.code()).isEqualTo(AdminException.PASSWORD_REQUIRED));
      assertThatThrownBy(() -> client.call("test.refuse", Map.of(), p -> {}))
          .isInstanceOf(MailvaultException.class)
          .hasMessage("refused for a reason");
      assertThatThrownBy(() -> client.call("no.such", Map.of(), p -> {}))
          .hasMessage("unknown admin operation 'no.such'");
    }
    assertThat(socket).doesNotExist();
    assertThat(AdminClient.ifRunning(socket)).isEmpty();
  }

  @Test
  void aStaleSocketFileIsReplacedAndALiveOneRefused() throws Exception {
    Path socket = data.resolve("admin.sock");
    Files.writeString(socket, "left by a crash");
    try (AdminSocketServer server = AdminSocketServer.start(socket, operations())) {
      assertThatThrownBy(() -> AdminSocketServer.start(socket, operations()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("another mailvault serve is running");
      assertThat(
              AdminClient.ifRunning(socket)
                  .orElseThrow()
                  .call("test.echo", Map.of("word", "x"), p -> {})
                  .get("echo")
                  .asText())
          .isEqualTo("x");
    }
  }

  @Test
  void operationNamesAreRegisteredOnce() {
    AdminOperations ops = operations();
    assertThat(ops.names()).containsExactly("test.echo", "test.locked", "test.refuse");
    assertThatThrownBy(() -> ops.register("test.echo", (a, p) -> Map.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ops.register("Bad Name", (a, p) -> Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
