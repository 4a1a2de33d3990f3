package dev.mailvault.server.web;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, copied off the event loop: method, path, query, headers, cookies and a body of
 * at most the listener's limit. Immutable; handlers read it from a web worker thread.
 */
public final class WebRequest {

  /** At most this many query or form parameters are decoded; the rest are ignored. */
  private static final int MAX_PARAMETERS = 256;

  private final String method;
  private final String uri;
  private final String path;
  private final Map<String, List<String>> query;
  private final HttpHeaders headers;
  private final byte[] body;
  private final InetAddress remote;
  private final boolean secure;
  private final Map<String, String> pathParams;
  private Map<String, List<String>> form;
  private Map<String, String> cookies;

  private WebRequest(
      String method,
      String uri,
      String path,
      Map<String, List<String>> query,
      HttpHeaders headers,
      byte[] body,
      InetAddress remote,
      boolean secure,
      Map<String, String> pathParams) {
    this.method = method;
    this.uri = uri;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.remote = remote;
    this.secure = secure;
    this.pathParams = pathParams;
  }

  /** Copies what a handler needs out of Netty's request (whose buffer is released after). */
  static WebRequest of(FullHttpRequest request, InetAddress remote, boolean secure) {
    QueryStringDecoder decoder =
        new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, MAX_PARAMETERS);
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    return new WebRequest(
        request.method().name(),
        request.uri(),
        decoder.path(),
        decoder.parameters(),
        request.headers().copy(),
        body,
        remote,
        secure,
        Map.of());
  }

  /** A request built by a test or by another listener. */
  public static WebRequest of(
      String method,
      String uri,
      HttpHeaders headers,
      byte[] body,
      InetAddress remote,
      boolean secure) {
    QueryStringDecoder decoder =
        new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_PARAMETERS);
    return new WebRequest(
        method, uri, decoder.path(), decoder.parameters(), headers, body, remote, secure, Map.of());
  }

  WebRequest withPathParams(Map<String, String> params) {
    return new WebRequest(
        method, uri, path, query, headers, body, remote, secure, Map.copyOf(params));
  }

  /** GET, POST, PUT, DELETE, ... in upper case. */
  public String method() {
    return method;
  }

  /** The request target as sent: path and query, still percent-encoded. */
  public String uri() {
    return uri;
  }

  /** The decoded path, without the query. */
  public String path() {
    return path;
  }

  /** A {@code {name}} segment of the route's template, decoded. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the route has no {" + name + "} segment");
    }
    return value;
  }

  /** The first value of a query parameter. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The host the client asked for, lower-cased and without a port; empty without Host. */
  public Optional<String> host() {
    String host = headers.get(HttpHeaderNames.HOST);
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    host = host.trim();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return Optional.of(host.substring(0, end < 0 ? host.length() : end + 1));
    }
    int colon = host.indexOf(':');
    return Optional.of((colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT));
  }

  /** A cookie's value, by name (RFC 6265 §5.4). */
  public Optional<String> cookie(String name) {
    if (cookies == null) {
      Map<String, String> parsed = new HashMap<>();
      for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
        for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
          parsed.putIfAbsent(c.name(), c.value());
        }
      }
      cookies = parsed;
    }
    return Optional.ofNullable(cookies.get(name));
  }

  /** The raw body (at most the listener's limit). */
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The first value of a field of an {@code application/x-www-form-urlencoded} body; empty for any
   * other content type.
   */
  public Optional<String> form(String name) {
    List<String> values = formFields().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every field of a form body, in order of first appearance. */
  public Map<String, List<String>> formFields() {
    if (form == null) {
      String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
      if (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        form =
            new QueryStringDecoder(bodyText(), StandardCharsets.UTF_8, false, MAX_PARAMETERS)
                .parameters();
      } else {
        form = Map.of();
      }
    }
    return form;
  }

  public InetAddress remoteAddress() {
    return remote;
  }

  /** Whether the request came over the HTTPS listener. */
  public boolean secure() {
    return secure;
  }
}
