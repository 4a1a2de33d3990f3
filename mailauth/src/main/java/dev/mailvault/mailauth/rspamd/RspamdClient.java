package dev.mailvault.mailauth.rspamd;

import dev.mailvault.core.spam.SpamLearning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client of rspamd's HTTP protocol: scans at the normal worker ({@code /checkv2}), learns at the
 * controller ({@code /learnspam}, {@code /learnham}). Thread-safe; one instance is shared.
 *
 * <p>Every call is bounded by {@link RspamdEndpoints#timeout()}, connecting, sending and reading
 * the answer included, and an answer over {@link #MAX_ANSWER} bytes is refused before it is parsed:
 * the MX waits on a scan before it answers the client, so rspamd being slow must cost no more than
 * the timeout. Failures are {@link RspamdException}s whose messages name the endpoint's path and
 * what went wrong, never the message or the envelope.
 */
public final class RspamdClient {

  /** The largest answer read: a verdict lists symbols, not the message. */
  static final int MAX_ANSWER = 1 << 20;

  private final RspamdEndpoints endpoints;
  private final HttpClient http;

  public RspamdClient(RspamdEndpoints endpoints) {
    this.endpoints = endpoints;
    this.http =
        HttpClient.newBuilder()
            // rspamd speaks HTTP/1.1; no h2c upgrade attempt.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(endpoints.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The endpoints asked. */
  public RspamdEndpoints endpoints() {
    return endpoints;
  }

  /** Whether the scanner answers {@code /ping} with {@code pong} within the timeout. */
  public boolean ping() {
    try {
      Answer answer =
          send(HttpRequest.newBuilder(resolve(endpoints.scanner(), "/ping")).GET(), "/ping");
      return answer.status() == 200
          && new String(answer.body(), StandardCharsets.US_ASCII).trim().equals("pong");
    } catch (RspamdException e) {
      return false;
    }
  }

  /** Scans {@code message} (as received, our own headers not yet added) for {@code scan}. */
  public RspamdVerdict check(RspamdScan scan, byte[] message) throws RspamdException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(endpoints.scanner(), "/checkv2"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(message));
    for (Map.Entry<String, String> header : RspamdProtocol.scanHeaders(scan)) {
      request.header(header.getKey(), header.getValue());
    }
    Answer answer = send(request, "/checkv2");
    if (answer.status() / 100 != 2) {
      throw new RspamdException("rspamd answered /checkv2 with HTTP " + answer.status());
    }
    return RspamdProtocol.verdict(answer.body());
  }

  /**
   * Teaches {@code user}'s Bayes statistics that {@code message} is {@code lesson}.
   *
   * @param user the opaque name of the statistics ({@code Deliver-To}), never an address
   * @return {@link LearnOutcome#REFUSED} when rspamd declined it (already learned as that, too few
   *     tokens): a normal answer
   */
  public LearnOutcome learn(SpamLearning.Lesson lesson, String user, byte[] message)
      throws RspamdException {
    String path = lesson == SpamLearning.Lesson.SPAM ? "/learnspam" : "/learnham";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(endpoints.controller(), path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(message))
            .header("Deliver-To", RspamdProtocol.headerValue(user));
    endpoints
        .password()
        .ifPresent(password -> request.header("Password", RspamdProtocol.headerValue(password)));
    Answer answer = send(request, path);
    if (answer.status() / 100 == 2) {
      return RspamdProtocol.learnOutcome(answer.body());
    }
    // rspamd 3.x answers "already learned" with 208 (older ones with 404) and an error object;
    // a wrong password (403), a missing classifier or an internal error stays a failure.
    if ((answer.status() == 208 || answer.status() == 404)
        && RspamdProtocol.tree(answer.body()).has("error")) {
      return LearnOutcome.REFUSED;
    }
    throw new RspamdException("rspamd answered " + path + " with HTTP " + answer.status());
  }

  private record Answer(int status, byte[] body) {}

  private Answer send(HttpRequest.Builder request, String path) throws RspamdException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request.timeout(endpoints.timeout()).build(), info -> new BoundedBody());
    try {
      // The request timeout ends at the answer's headers; this bounds the body too.
      HttpResponse<byte[]> response =
          exchange.get(endpoints.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return new Answer(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new RspamdException("rspamd did not answer " + path + " within the timeout");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new RspamdException("interrupted while waiting for rspamd's " + path);
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RspamdException(
          "rspamd's " + path + " failed: " + cause.getClass().getSimpleName(), cause);
    }
  }

  /** {@code path} on {@code base}, keeping any path prefix the base has (rspamd behind a proxy). */
  private static URI resolve(URI base, String path) {
    String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    return base.resolve(prefix + path);
  }

  /** Collects an answer's body, and fails it once it passes {@link #MAX_ANSWER} bytes. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > MAX_ANSWER) {
          subscription.cancel();
          result.completeExceptionally(new IOException("answer over " + MAX_ANSWER + " bytes"));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
