package dev.mailvault.outbound.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTPS server for MTA-STS policies (RFC 8461 §3.3), on a free port of one loopback
 * address, with a certificate from a {@link TestCa} (give it the {@code mta-sts.<domain>} names it
 * serves). It answers {@code GET /.well-known/mta-sts.txt} with the policy set for the request's
 * Host, 404 for anything else, and counts the requests.
 */
public final class MtaStsServer implements AutoCloseable {

  private final HttpsServer server;
  private final Map<String, String> policies = new ConcurrentHashMap<>();
  private final Map<String, Integer> requests = new ConcurrentHashMap<>();

  public MtaStsServer(String address, TestCa.Issued certificate)
      throws IOException, GeneralSecurityException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    server.createContext(
        "/",
        exchange -> {
          String host = exchange.getRequestHeaders().getFirst("Host");
          host = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll(":\\d+$", "");
          requests.merge(host, 1, Integer::sum);
          String policy = policies.get(host);
          if (policy == null
              || !exchange.getRequestURI().getPath().equals("/.well-known/mta-sts.txt")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = policy.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Serves {@code policy} for {@code mta-sts.<domain>}. */
  public MtaStsServer policy(String domain, String policy) {
    policies.put("mta-sts." + domain.toLowerCase(Locale.ROOT), policy);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests came for {@code mta-sts.<domain>}. */
  public int requests(String domain) {
    return requests.getOrDefault("mta-sts." + domain.toLowerCase(Locale.ROOT), 0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
