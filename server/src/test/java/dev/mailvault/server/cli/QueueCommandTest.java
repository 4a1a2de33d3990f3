package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.server.admin.AdminClient;
import dev.mailvault.server.cli.CliProcess.Result;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.outbound.DeferringNetwork;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue in a running node: a local recipient lands in its alias's spool at once, a remote one
 * waits (its network delivery defers everything: {@link DeferringNetwork}), and {@code mailvault
 * queue} shows and manages it through the admin socket while {@code serve} runs and from the sealed
 * files when it does not, never showing a local part or the message.
 */
class QueueCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private Map<Setting, String> settings() {
    Map<Setting, String> values = LoopbackNode.settings(data, "mail.home.test");
    return values;
  }

  private static OutboundMessage message() {
    byte[] raw =
        ("From: <alice@home.test>\r\nTo: <bob@remote.test>\r\nSubject: queue-marker\r\n\r\n"
                + "body-marker\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new OutboundMessage(
        "alice@home.test",
        "alice@home.test",
        List.of(
            OutboundRecipient.of("bob@remote.test"),
            OutboundRecipient.of("carl+news@home.test"),
            OutboundRecipient.of("nobody@home.test")),
        raw,
        Instant.now(),
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  @Test
  void queueListShowRetryRemoveOverTheAdminSocketAndOffline() throws Exception {
    String id;
    Path queueDir;
    try (TestedNode node = TestedNode.start(settings(), new DeferringNetwork())) {
      node.directory().addDomain(DomainName.parse("home.test"));
      node.directory().addAlias(EmailAddress.parse("alice@home.test"));
      node.directory().addAlias(EmailAddress.parse("carl@home.test"));
      queueDir = node.storageData().resolve("queue");
      String carlVault =
          node.directory().findAlias(EmailAddress.parse("carl@home.test")).orElseThrow().vaultId();

      id = node.outbox().submit(message());
      String queued = id;
      await()
          .until(() -> node.outboundQueue().show(queued).map(e -> e.attempts() == 1).orElse(false));
      // The local recipient (a sub-address) went to carl's spool at once; the remote one waits;
      // the unknown local one bounced into the sender's spool (RFC 3464, null reverse-path).
      SpoolStore spool = new SpoolStore(data.resolve("spool"));
      await().until(() -> spool.list(carlVault).size() == 1);
      String aliceVault =
          node.directory().findAlias(EmailAddress.parse("alice@home.test")).orElseThrow().vaultId();
      await().until(() -> spool.list(aliceVault).size() == 1);
      assertThat(node.outboundQueue().show(id).orElseThrow().domains())
          .containsExactly("remote.test", "home.test");

      AdminClient admin =
          AdminClient.ifRunning(node.storageData().resolve("admin.sock")).orElseThrow();
      JsonNode listed = admin.call("queue.list", Map.of(), line -> {});
      assertThat(listed.path("items")).hasSize(1);

      Result list = TestedNode.cli(data, Map.of()).run("queue", "list", "--json");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      JsonNode items = JSON.readTree(list.stdout());
      assertThat(items.get(0).path("id").asText()).isEqualTo(id);
      assertThat(list.stdout()).contains("remote.test").doesNotContain("bob", "carl", "alice");

      Result show = TestedNode.cli(data, Map.of()).run("queue", "show", id);
      assertThat(show.exitCode()).as(show.toString()).isZero();
      assertThat(show.stdout())
          .contains("remote.test: pending, 1 attempts")
          .contains("4.4.0 " + DeferringNetwork.DIAGNOSTIC)
          .contains("home.test: delivered")
          .contains("home.test: failed, 1 attempts, last: 5.1.1")
          .doesNotContain("marker");

      Result retry = TestedNode.cli(data, Map.of()).run("queue", "retry", id);
      assertThat(retry.exitCode()).as(retry.toString()).isZero();
      await()
          .until(() -> node.outboundQueue().show(queued).map(e -> e.attempts() == 2).orElse(false));

      Result unknown = TestedNode.cli(data, Map.of()).run("queue", "show", "0".repeat(32));
      assertThat(unknown.exitCode()).isEqualTo(1);
      assertThat(unknown.stderr()).contains("no queue item");
    }

    try (Stream<Path> files = Files.list(queueDir)) {
      for (Path file : files.toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("remote.test", "home.test", "marker", "bob");
      }
    }

    Result offline = TestedNode.cli(data, Map.of()).run("queue", "list");
    assertThat(offline.exitCode()).as(offline.toString()).isZero();
    assertThat(offline.stdout()).contains(id).contains("remote.test").contains("4.4.0");
    assertThat(TestedNode.cli(data, Map.of()).run("queue", "retry", id).exitCode()).isZero();
    Result remove = TestedNode.cli(data, Map.of()).run("queue", "remove", id);
    assertThat(remove.exitCode()).as(remove.toString()).isZero();
    Result empty = TestedNode.cli(data, Map.of()).run("queue", "list");
    assertThat(empty.stdout()).contains("the outbound queue is empty");
  }
}
