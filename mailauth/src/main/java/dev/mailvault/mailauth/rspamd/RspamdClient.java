package dev.mailvault.mailauth.rspamd;

import dev.mailvault.core.spam.SpamLearning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client of rspamd's HTTP protocol: scans at the normal worker ({@code /checkv2}), learns at the
 * controller ({@code /learnspam}, {@code /learnham}). Thread-safe; one instance is shared.
 *
 * <p>Every call is bounded by {@link RspamdEndpoints#timeout()}: connecting, and each wait for the
 * answer's bytes, and the answer as a whole; an answer over {@link #MAX_ANSWER} bytes is refused
 * before it is parsed: the MX waits on a scan before it answers the client, so rspamd being slow
 * must cost no more than the timeout. Failures are {@link RspamdException}s whose messages name the
 * endpoint's path and what went wrong, never the message or the envelope.
 *
 * <p>Blocking I/O on the caller's thread ({@link HttpURLConnection}, whose kept-alive connections
 * the JDK reuses): the MX calls from a session's worker thread, never an event loop, and a
 * synchronous exchange costs one write and one read where the asynchronous {@code java.net.http}
 * client handed each request through its selector and executor threads, which was most of the
 * filter's cost to the MX (BENCHMARKS.md, "Spam filtering at the MX").
 */
public final class RspamdClient {

  /** The largest answer read: a verdict lists symbols, not the message. */
  static final int MAX_ANSWER = 1 << 20;

  private final RspamdEndpoints endpoints;

  public RspamdClient(RspamdEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** The endpoints asked. */
  public RspamdEndpoints endpoints() {
    return endpoints;
  }

  /** Whether the scanner answers {@code /ping} with {@code pong} within the timeout. */
  public boolean ping() {
    try {
      Answer answer = exchange(endpoints.scanner(), "/ping", List.of(), null);
      return answer.status() == 200
          && new String(answer.body(), StandardCharsets.US_ASCII).trim().equals("pong");
    } catch (RspamdException e) {
      return false;
    }
  }

  /**
   * Scans {@code message} (as it will be stored: the MX puts its trace fields on top) for {@code
   * scan}.
   */
  public RspamdVerdict check(RspamdScan scan, byte[] message) throws RspamdException {
    Answer answer =
        exchange(endpoints.scanner(), "/checkv2", RspamdProtocol.scanHeaders(scan), message);
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
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Deliver-To", RspamdProtocol.headerValue(user)));
    endpoints
        .password()
        .ifPresent(
            password -> headers.add(Map.entry("Password", RspamdProtocol.headerValue(password))));
    Answer answer = exchange(endpoints.controller(), path, headers, message);
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

  /** GET {@code path} when {@code body} is null, else POST it; reads the whole answer. */
  private Answer exchange(
      URI base, String path, List<Map.Entry<String, String>> headers, byte[] body)
      throws RspamdException {
    long deadline = System.nanoTime() + endpoints.timeout().toNanos();
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, endpoints.timeout().toMillis()));
    HttpURLConnection connection = null;
    try {
      // rspamd is reached directly, never through a proxy the JVM may be configured with.
      connection = (HttpURLConnection) resolve(base, path).toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      for (Map.Entry<String, String> header : headers) {
        // addRequestProperty: rspamd takes one Rcpt header per recipient.
        connection.addRequestProperty(header.getKey(), header.getValue());
      }
      if (body != null) {
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new Answer(status, in == null ? new byte[0] : readBounded(in, deadline, path));
    } catch (SocketTimeoutException e) {
      connection.disconnect();
      throw new RspamdException("rspamd did not answer " + path + " within the timeout");
    } catch (IOException | IllegalArgumentException e) {
      if (connection != null) {
        connection.disconnect();
      }
      throw new RspamdException("rspamd's " + path + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The whole answer, read to its end so that the connection can be kept alive; at most {@link
   * #MAX_ANSWER} bytes and no later than {@code deadline}.
   */
  private static byte[] readBounded(InputStream in, long deadline, String path)
      throws IOException, RspamdException {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (bytes.size() + n > MAX_ANSWER) {
          throw new RspamdException(
              "rspamd's " + path + " answer is over " + MAX_ANSWER + " bytes");
        }
        bytes.write(buffer, 0, n);
        if (System.nanoTime() - deadline > 0) {
          throw new RspamdException("rspamd did not answer " + path + " within the timeout");
        }
      }
      return bytes.toByteArray();
    }
  }

  /** {@code path} on {@code base}, keeping any path prefix the base has (rspamd behind a proxy). */
  private static URI resolve(URI base, String path) {
    String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    return base.resolve(prefix + path);
  }
}
