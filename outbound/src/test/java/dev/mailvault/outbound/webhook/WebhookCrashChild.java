package dev.mailvault.outbound.webhook;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.outbound.queue.QueueSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The process {@link WebhookCrashTest} kills: a real {@link OutboundQueue} with the {@link
 * WebhookTransmitter} and the queue settings of {@link #settings()}, which submits {@code count}
 * messages to the targets {@code t1} and {@code t2}, prints each id only after {@link
 * OutboundQueue#submit} returned, and then keeps retrying them until it is killed.
 *
 * <p>Arguments: the queue directory, the queue key in hex, the receiver's port, the receiving CA's
 * certificate file (DER), the number of messages.
 */
public final class WebhookCrashChild {

  private WebhookCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    SecretBytes key = SecretBytes.copyOf(HexFormat.of().parseHex(args[1]));
    int port = Integer.parseInt(args[2]);
    SSLContext trust = trusting(Files.readAllBytes(Path.of(args[3])));
    int count = Integer.parseInt(args[4]);
    Transmitter webhooks = transmitter(port, trust, Clock.systemUTC());
    OutboundQueue queue =
        OutboundQueue.open(
            directory,
            key,
            new WebhookQueueTest.NoMailboxes(),
            webhooks,
            webhooks,
            settings(),
            Clock.systemUTC());
    for (int i = 0; i < count; i++) {
      String id =
          queue.submit(
              WebhookMessages.message(
                  Instant.now(), WebhookMessages.simple("crash-" + i), "t1", "t2"));
      System.out.println("accepted " + id);
      System.out.flush();
    }
    // Retrying until killed; the queue's threads are daemons.
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** A retry a second: the test sees several attempts per message before it kills. */
  static QueueSettings settings() {
    return new QueueSettings(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofDays(5),
        Duration.ofDays(1),
        4,
        2,
        "crash.test");
  }

  static WebhookTransmitter transmitter(int port, SSLContext trust, Clock clock) {
    FixedEndpoints endpoints = new FixedEndpoints();
    for (String target : new String[] {"t1", "t2"}) {
      endpoints.add(
          new WebhookEndpoint(
              target,
              WebhookMessages.ALIAS,
              URI.create("https://localhost:" + port + "/" + target),
              WebhookTransmitterTest.SECRET));
    }
    return new WebhookTransmitter(
        endpoints, entry -> {}, WebhookTransmitterTest.testSettings(), trust, clock);
  }

  private static SSLContext trusting(byte[] der) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
