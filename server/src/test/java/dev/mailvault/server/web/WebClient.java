package dev.mailvault.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small HTTPS client for web tests: trusts the node's generated certificate (and nothing else),
 * keeps the cookies the node sets, never follows redirects, and returns status, headers and body.
 */
public final class WebClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final SSLContext tls;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /**
   * @param data the node's data directory (its generated certificate is in {@code tls/cert.pem})
   * @param httpsPort the node's bound HTTPS port
   */
  public WebClient(Path data, int httpsPort) throws Exception {
    this.base = "https://127.0.0.1:" + httpsPort;
    this.tls = trusting(data.resolve("tls/cert.pem"));
  }

  /** An answer: status, headers (names lower-cased), body. */
  public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }
  }

  public Reply get(String path, String... headers) throws IOException {
    return send("GET", path, null, null, headers);
  }

  /** POSTs a form (application/x-www-form-urlencoded). */
  public Reply postForm(String path, Map<String, String> fields, String... headers)
      throws IOException {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      body.append(body.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
    }
    return send(
        "POST",
        path,
        "application/x-www-form-urlencoded",
        body.toString().getBytes(StandardCharsets.UTF_8),
        headers);
  }

  /** Sends a JSON body (or none when {@code json} is null). */
  public Reply json(String method, String path, String json, String... headers) throws IOException {
    return send(
        method,
        path,
        json == null ? null : "application/json",
        json == null ? null : json.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  /**
   * Sends any request.
   *
   * @param headers name, value, name, value, ...
   */
  public Reply send(String method, String path, String contentType, byte[] body, String... headers)
      throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) URI.create(base + path).toURL().openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    // The generated certificate names the node's host name, not 127.0.0.1.
    c.setHostnameVerifier((host, session) -> true);
    return exchange(c, method, contentType, body, headers);
  }

  /** A request to the plain HTTP listener (no cookies kept). */
  public static Reply plain(int httpPort, String method, String path, String... headers)
      throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
    return new WebClient().exchange(c, method, null, null, headers);
  }

  private WebClient() {
    this.base = null;
    this.tls = null;
  }

  private Reply exchange(
      HttpURLConnection c, String method, String contentType, byte[] body, String... headers)
      throws IOException {
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(method);
    c.setConnectTimeout(30_000);
    c.setReadTimeout(60_000);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      c.setRequestProperty(headers[i], headers[i + 1]);
    }
    if (!cookies.isEmpty()) {
      StringBuilder cookie = new StringBuilder();
      cookies.forEach(
          (k, v) ->
              cookie.append(cookie.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      c.setRequestProperty("Cookie", cookie.toString());
    }
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", contentType);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    Map<String, List<String>> replyHeaders = new TreeMap<>();
    c.getHeaderFields()
        .forEach(
            (k, v) -> {
              if (k != null) {
                replyHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v);
              }
            });
    for (String set : replyHeaders.getOrDefault("set-cookie", List.of())) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || set.contains("Max-Age=0")) {
          cookies.remove(pair.substring(0, eq));
        } else {
          cookies.put(pair.substring(0, eq), value);
        }
      }
    }
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
    return new Reply(status, replyHeaders, bytes);
  }

  /** The cookies held now, by name. */
  public Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  /** Forgets every cookie (a new browser). */
  public void clearCookies() {
    cookies.clear();
  }

  private static SSLContext trusting(Path pem) throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(pem)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
