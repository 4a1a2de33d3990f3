package dev.mailvault.outbound.webhook;

import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a queued message to its webhook targets (issue 15, ADR 0245): each recipient {@code
 * <targetId>@}{@value #DOMAIN} is one HTTPS POST of the message as signed JSON ({@link
 * WebhookPayload}, {@link WebhookSignature}) with an {@code Idempotency-Key} of {@code
 * <queueId>-<targetId>}, the same on every retry, so a receiver can drop the copy that RFC 5321
 * §6.1's window (a crash between its 2xx and the queue's record, ADR 0202) may bring. Each attempt
 * is told to the {@link WebhookLog}.
 *
 * <p>Concurrency: the queue calls {@link #transmit} on many delivery threads at once; the one
 * {@link HttpClient} is shared and thread-safe. A call posts to its targets one after the other and
 * blocks for each at most the connect and request timeouts. Logs carry the queue id and the target
 * id, never an address, a URL or content.
 */
public final class WebhookTransmitter implements Transmitter {

  /** The domain of webhook recipients in the queue; never resolved (RFC 2606 {@code .invalid}). */
  public static final String DOMAIN = "webhook.mailvault.invalid";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookTransmitter.class);

  private final WebhookEndpoints endpoints;
  private final WebhookLog log;
  private final WebhookSettings settings;
  private final Clock clock;
  private final HttpClient http;

  /**
   * @param tls the trust for receivers' certificates: {@code SSLContext.getDefault()}, the JDK's
   *     CAs, in production
   * @param clock the signatures' time stamps and the log's times
   */
  public WebhookTransmitter(
      WebhookEndpoints endpoints,
      WebhookLog log,
      WebhookSettings settings,
      SSLContext tls,
      Clock clock) {
    this.endpoints = endpoints;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2) // over TLS by ALPN, else HTTP/1.1
            .sslContext(tls)
            .connectTimeout(settings.connectTimeout())
            // A redirect could lead anywhere, past the address check: it is an answer like others.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The queue recipient for a webhook target. */
  public static String recipient(String targetId) {
    return targetId + "@" + DOMAIN;
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    List<RecipientResult> results = new ArrayList<>(attempt.recipients().size());
    for (OutboundRecipient recipient : attempt.recipients()) {
      results.add(postOne(attempt, recipient));
    }
    return results;
  }

  private RecipientResult postOne(DeliveryAttempt attempt, OutboundRecipient recipient) {
    String address = recipient.address();
    String targetId = address.substring(0, Math.max(0, address.lastIndexOf('@')));
    String originalRecipient = originalRecipient(recipient);
    Optional<WebhookEndpoint> endpoint = endpoints.find(targetId);
    PostResult result;
    String alias;
    if (endpoint.isEmpty()) {
      alias = originalRecipient;
      result = PostResult.refused("unknown-target", "5.1.1", "no such webhook target");
    } else {
      alias = endpoint.get().alias();
      String rcptTo = originalRecipient.isEmpty() ? alias : originalRecipient;
      result = post(attempt, endpoint.get(), rcptTo);
    }
    LOG.info(
        "queue {}: webhook {} {} {}",
        attempt.queueId(),
        targetId,
        result.outcome(),
        result.httpStatus() == 0 ? result.errorKind() : result.httpStatus());
    record(
        new WebhookDelivery(
            alias,
            targetId,
            attempt.queueId(),
            clock.instant(),
            result.httpStatus(),
            result.errorKind(),
            result.logOutcome()));
    return new RecipientResult(
        address, result.outcome(), result.status(), "x-http; " + result.reason(), Optional.empty());
  }

  /** RFC 3461 §4.2 ORCPT ({@code rfc822;alias@domain}): the alias the sender wrote to. */
  private static String originalRecipient(OutboundRecipient recipient) {
    String orcpt = recipient.originalRecipient().orElse("");
    int semicolon = orcpt.indexOf(';');
    return semicolon < 0 ? orcpt : orcpt.substring(semicolon + 1).strip();
  }

  private PostResult post(DeliveryAttempt attempt, WebhookEndpoint endpoint, String rcptTo) {
    URI url = endpoint.url();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      // RFC 3463 X.1.2: bad destination system address.
      return PostResult.refused("bad-url", "5.1.2", "not an HTTPS URL");
    }
    if (scheme.equals("http") && !settings.allowPlainHttp()) {
      // RFC 3463 X.7.10 (RFC 5248): encryption needed; the message would cross the net in clear.
      return PostResult.refused("insecure-url", "5.7.10", "webhooks are posted over HTTPS only");
    }
    if (!settings.allowPrivateAddresses()) {
      Optional<PostResult> refused = checkAddresses(url.getHost());
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    String key = attempt.queueId() + "-" + endpoint.targetId();
    Optional<byte[]> body =
        WebhookPayload.build(
            key,
            attempt.mailFrom(),
            rcptTo,
            endpoint.alias(),
            attempt.raw(),
            settings.maxPayloadBytes());
    if (body.isEmpty()) {
      return PostResult.refused("too-large", "5.3.4", "message too big for the webhook");
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Mailvault")
            .header("Idempotency-Key", key)
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(endpoint.secret(), timestamp, body.get()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.get()))
            .build();
    return send(request);
  }

  /**
   * Resolves the host as the client will, and refuses it when any address is not public (ADR 0245).
   * The client resolves again; the JDK's address cache (30 s by default) answers it the same.
   */
  private Optional<PostResult> checkAddresses(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      // RFC 3463 X.4.3: the name could not be resolved now.
      return Optional.of(PostResult.unanswered("dns", "4.4.3", "host name not resolved"));
    }
    for (InetAddress address : addresses) {
      if (!PublicAddresses.isPublic(address)) {
        // RFC 3463 X.7.1: delivery not authorized.
        return Optional.of(
            PostResult.refused(
                "private-address", "5.7.1", "the webhook host has a non-public address"));
      }
    }
    return Optional.empty();
  }

  private PostResult send(HttpRequest request) {
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      // The status line is the answer; the body is not read (a receiver cannot stall us with it).
      // Retry-After is not honoured: the queue keeps its own back-off (ADR 0245).
      response.body().close();
      return PostResult.answered(response.statusCode());
    } catch (HttpTimeoutException e) {
      // RFC 3463 X.4.2: bad connection (no answer in time).
      return PostResult.unanswered("timeout", "4.4.2", "no answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PostResult.unanswered("interrupted", "4.4.2", "interrupted");
    } catch (IOException e) {
      return classify(e);
    }
  }

  private static PostResult classify(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        // RFC 3463 X.7.5: cryptographic failure (an untrusted certificate, a failed handshake).
        return PostResult.unanswered("tls", "4.7.5", "TLS failed");
      }
      if (t instanceof ConnectException) {
        // RFC 3463 X.4.1: no answer from host.
        return PostResult.unanswered("connect", "4.4.1", "connection failed");
      }
      if (t instanceof UnknownHostException) {
        return PostResult.unanswered("dns", "4.4.3", "host name not resolved");
      }
    }
    return PostResult.unanswered("io", "4.4.2", "connection broken");
  }

  private void record(WebhookDelivery entry) {
    try {
      log.record(entry);
    } catch (RuntimeException e) {
      // The delivery stands; losing a log line must not make the queue post again.
      LOG.warn("queue {}: webhook log not written: {}", entry.queueId(), e.getClass().getName());
    }
  }
}
