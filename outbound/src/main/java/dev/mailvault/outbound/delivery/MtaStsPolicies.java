package dev.mailvault.outbound.delivery;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The MTA-STS policies of destination domains (RFC 8461): the {@code _mta-sts} TXT record says
 * whether one exists and its id, the policy itself comes over HTTPS from {@code mta-sts.<domain>}
 * and is kept in memory until its {@code max_age} passes or the id changes (§5.1). The policy host
 * is resolved through our {@link DnsClient}, so tests and split-horizon setups reach their own.
 *
 * <p>Concurrency: delivery threads call {@link #policyFor} at once; the cache is a concurrent map
 * and two threads may fetch the same policy together, which costs a request, never correctness.
 */
final class MtaStsPolicies {

  /** RFC 8461 §3.3: a policy larger than this is not one. */
  private static final int MAX_BODY = 64 * 1024;

  private final DnsClient dns;
  private final SSLContext pkix;
  private final int httpsPort;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String id, MtaStsPolicy policy, Instant expires) {}

  MtaStsPolicies(DnsClient dns, SSLContext pkix, int httpsPort, Duration timeout, Clock clock) {
    this.dns = dns;
    this.pkix = pkix;
    this.httpsPort = httpsPort;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The policy in force for {@code domain}, or empty when it has none (or none could be had). */
  Optional<MtaStsPolicy> policyFor(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached != null && !now.isBefore(cached.expires())) {
      cache.remove(key, cached);
      cached = null;
    }
    Optional<String> id;
    try {
      id = policyId(key);
    } catch (DnsTemporaryException e) {
      // §5.1: without an answer, an unexpired cached policy still applies.
      return cached == null ? Optional.empty() : Optional.of(cached.policy());
    }
    if (id.isEmpty()) {
      // §5.1: a cached policy outlives a removed TXT record until its max_age.
      return cached == null ? Optional.empty() : Optional.of(cached.policy());
    }
    if (cached != null && cached.id().equals(id.get())) {
      return Optional.of(cached.policy());
    }
    Optional<MtaStsPolicy> fetched = fetch(key);
    if (fetched.isEmpty()) {
      // §3.3: a failed fetch leaves a cached policy in force.
      return cached == null ? Optional.empty() : Optional.of(cached.policy());
    }
    cache.put(key, new Cached(id.get(), fetched.get(), now.plus(fetched.get().maxAge())));
    return fetched;
  }

  /** RFC 8461 §3.1: the id of the one {@code v=STSv1} TXT record; none when not exactly one. */
  private Optional<String> policyId(String domain) throws DnsTemporaryException {
    DnsAnswer answer = dns.query("_mta-sts." + domain, Type.TXT);
    List<String> ids = new ArrayList<>();
    for (Record record : answer.records()) {
      String text = String.join("", ((TXTRecord) record).getStrings());
      if (!text.startsWith("v=STSv1")) {
        continue;
      }
      String id = null;
      for (String field : text.split(";")) {
        String trimmed = field.trim();
        if (trimmed.startsWith("id=")) {
          id = trimmed.substring(3).trim();
        }
      }
      if (id == null || !id.matches("[A-Za-z0-9]{1,32}")) {
        return Optional.empty();
      }
      ids.add(id);
    }
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }

  private Optional<MtaStsPolicy> fetch(String domain) {
    String host = "mta-sts." + domain;
    for (InetAddress address : addresses(host)) {
      try {
        return Optional.ofNullable(get(address, host)).flatMap(MtaStsPolicy::parse);
      } catch (IOException e) {
        // the next address, if any
      }
    }
    return Optional.empty();
  }

  private List<InetAddress> addresses(String host) {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (Record record : dns.query(host, Type.A).records()) {
        addresses.add(((ARecord) record).getAddress());
      }
      for (Record record : dns.query(host, Type.AAAA).records()) {
        addresses.add(((AAAARecord) record).getAddress());
      }
    } catch (DnsTemporaryException e) {
      // no policy host now: as a failed fetch
    }
    return addresses;
  }

  /**
   * One HTTP/1.1 GET of the policy, by address with the policy host as SNI, Host and the name the
   * certificate must carry (§3.3). Only a 200 counts; redirects are not followed (§3.3).
   */
  private String get(InetAddress address, String host) throws IOException {
    int millis = (int) timeout.toMillis();
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(address, httpsPort), millis);
    plain.setSoTimeout(millis);
    try (SSLSocket tls =
        (SSLSocket) pkix.getSocketFactory().createSocket(plain, host, httpsPort, true)) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      String request =
          "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: "
              + host
              + "\r\nConnection: close\r\nAccept: text/plain\r\n\r\n";
      tls.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().flush();
      return HttpResponse.read(new BufferedInputStream(tls.getInputStream()), MAX_BODY);
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP length", e);
    }
  }

  /**
   * Just enough HTTP/1.1 (RFC 9112) to read one response: status, headers, a sized or chunked body.
   */
  static final class HttpResponse {
    private HttpResponse() {}

    /** The body of a 200 text/plain response; null for any other. */
    static String read(InputStream in, int limit) throws IOException {
      String status = line(in);
      if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
        return null;
      }
      long length = -1;
      boolean chunked = false;
      boolean text = false;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("content-type:")
            && lower.substring(13).trim().startsWith("text/plain")) {
          text = true;
        }
      }
      if (!text) {
        return null;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
          copy(in, body, size, limit);
          line(in);
        }
      } else if (length >= 0) {
        copy(in, body, length, limit);
      } else {
        copy(in, body, Long.MAX_VALUE, limit);
      }
      return body.toString(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long count, int limit)
        throws IOException {
      for (long i = 0; i < count; i++) {
        int b = in.read();
        if (b < 0) {
          if (count == Long.MAX_VALUE) {
            return;
          }
          throw new IOException("policy body cut short");
        }
        if (body.size() >= limit) {
          throw new IOException("policy body over " + limit + " octets");
        }
        body.write(b);
      }
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("response cut short");
        }
        if (line.length() > 8192) {
          throw new IOException("header line too long");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }
  }
}
