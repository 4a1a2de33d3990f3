package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainRouting;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.InvalidForwardTargetException;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.directory.WebhookTargetRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery modes, forward targets, webhook secrets and logs, catch-alls and domain forwards. */
class RoutingStorageTest {

  @TempDir Path data;
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
    directory.addDomain(domain("example.com"));
    directory.addDomain(domain("other.org"));
    directory.addAlias(address("alice@example.com"));
    directory.addAlias(address("bob@example.com"));
  }

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void anAliasStoresByDefaultAndItsRouteCarriesModeAndTargets() throws Exception {
    AliasRoute before = directory.findAlias(address("alice@example.com")).orElseThrow();
    assertThat(before.mode()).isEqualTo(DeliveryMode.STORE);
    assertThat(before.forwards()).isEmpty();

    directory.setDeliveryMode(address("alice@example.com"), DeliveryMode.BOTH);
    directory.addForwardTarget(address("alice@example.com"), "Someone@Far.Example");
    directory.addForwardTarget(address("alice@example.com"), "https://hooks.example/in?x=1");

    AliasRoute after = directory.findAlias(address("ALICE@example.com")).orElseThrow();
    assertThat(after.mode()).isEqualTo(DeliveryMode.BOTH);
    assertThat(after.forwards())
        .extracting(ForwardTarget::target)
        .containsExactly("Someone@far.example", "https://hooks.example/in?x=1");
    assertThat(after.forwards()).extracting(ForwardTarget::isWebhook).containsExactly(false, true);
    assertThat(directory.findAlias(address("bob@example.com")).orElseThrow().forwards()).isEmpty();
  }

  @Test
  void theFirstUrlMakesTheSecretOnceAndRotationReplacesIt() throws Exception {
    AddedForward address = directory.addForwardTarget(address("alice@example.com"), "x@y.example");
    assertThat(address.newSecret()).isEmpty();
    AddedForward first =
        directory.addForwardTarget(address("alice@example.com"), "https://a.example/hook");
    assertThat(first.newSecret()).get().extracting(s -> s.length).isEqualTo(32);
    AddedForward second =
        directory.addForwardTarget(address("alice@example.com"), "https://b.example/hook");
    assertThat(second.newSecret()).isEmpty();
    AddedForward again =
        directory.addForwardTarget(address("alice@example.com"), "https://a.example/hook");
    assertThat(again.added()).isFalse();
    assertThat(again.target().id()).isEqualTo(first.target().id());

    WebhookTargetRecord record = directory.webhookTarget(first.target().id()).orElseThrow();
    assertThat(record.alias()).isEqualTo(address("alice@example.com"));
    assertThat(record.url()).isEqualTo("https://a.example/hook");
    assertThat(record.secret()).isEqualTo(first.newSecret().get());
    assertThat(directory.webhookTarget(address.target().id())).isEmpty();
    assertThat(directory.webhookTarget("nosuchid")).isEmpty();

    byte[] rotated = directory.rotateWebhookSecret(address("alice@example.com"));
    assertThat(rotated).hasSize(32).isNotEqualTo(first.newSecret().get());
    assertThat(directory.webhookTarget(second.target().id()).orElseThrow().secret())
        .isEqualTo(rotated);
  }

  @Test
  void targetsAreRemovedByIdOrByValue() throws Exception {
    AddedForward one = directory.addForwardTarget(address("alice@example.com"), "x@y.example");
    directory.addForwardTarget(address("alice@example.com"), "https://a.example/hook");
    assertThat(directory.removeForwardTarget(address("alice@example.com"), one.target().id()))
        .isTrue();
    assertThat(
            directory.removeForwardTarget(address("alice@example.com"), "https://a.example/hook"))
        .isTrue();
    assertThat(directory.removeForwardTarget(address("alice@example.com"), "x@y.example"))
        .isFalse();
    assertThat(directory.forwardTargets(address("alice@example.com"))).isEmpty();
  }

  @Test
  void badTargetsAreRefused() {
    for (String bad : List.of("http://plain.example/hook", "not an address", "https://")) {
      assertThatThrownBy(() -> directory.addForwardTarget(address("alice@example.com"), bad))
          .as(bad)
          .isInstanceOf(InvalidForwardTargetException.class);
    }
    assertThatThrownBy(() -> directory.addForwardTarget(address("nobody@example.com"), "a@b.c"))
        .isInstanceOf(UnknownAliasException.class);
  }

  @Test
  void theWebhookLogKeepsTheNewestFirstAndGoesWithTheAlias() throws Exception {
    AddedForward hook =
        directory.addForwardTarget(address("alice@example.com"), "https://a.example/hook");
    String id = hook.target().id();
    directory.recordWebhookDelivery(
        new WebhookDelivery(
            address("alice@example.com"),
            "q1",
            id,
            Instant.parse("2026-01-01T00:00:00Z"),
            OptionalInt.empty(),
            Optional.of("timeout"),
            WebhookDelivery.Outcome.RETRY));
    directory.recordWebhookDelivery(
        new WebhookDelivery(
            address("alice@example.com"),
            "q1",
            id,
            Instant.parse("2026-01-01T00:05:00Z"),
            OptionalInt.of(204),
            Optional.empty(),
            WebhookDelivery.Outcome.DELIVERED));

    List<WebhookDelivery> log = directory.webhookDeliveries(address("alice@example.com"), 10);
    assertThat(log)
        .extracting(WebhookDelivery::outcome)
        .containsExactly(WebhookDelivery.Outcome.DELIVERED, WebhookDelivery.Outcome.RETRY);
    assertThat(log.get(0).httpStatus()).hasValue(204);
    assertThat(log.get(1).errorKind()).contains("timeout");
    assertThat(directory.webhookDeliveries(address("alice@example.com"), 1)).hasSize(1);

    directory.removeAlias(address("alice@example.com"));
    directory.addAlias(address("alice@example.com"));
    assertThat(directory.webhookDeliveries(address("alice@example.com"), 10)).isEmpty();
    assertThat(directory.webhookTarget(id)).isEmpty();
  }

  @Test
  void catchAllAndDomainForwardAreSetAndCleared() throws Exception {
    assertThat(directory.domainRouting(domain("example.com"))).isEqualTo(DomainRouting.NONE);
    directory.setCatchAll(domain("example.com"), Optional.of(address("bob@example.com")));
    directory.setDomainForward(domain("other.org"), Optional.of(domain("Example.COM")));

    assertThat(directory.domainRouting(domain("example.com")).catchAll())
        .contains(address("bob@example.com"));
    assertThat(directory.domainRouting(domain("other.org")).forwardTo())
        .contains(domain("example.com"));

    directory.removeAlias(address("bob@example.com"));
    assertThat(directory.domainRouting(domain("example.com")).catchAll()).isEmpty();
    directory.setDomainForward(domain("other.org"), Optional.empty());
    assertThat(directory.domainRouting(domain("other.org"))).isEqualTo(DomainRouting.NONE);
    assertThatThrownBy(
            () ->
                directory.setCatchAll(domain("example.com"), Optional.of(address("x@example.com"))))
        .isInstanceOf(UnknownAliasException.class);
  }
}
