package dev.mailvault.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler answers: a status, headers, and either a body in memory or a stream written by a
 * {@link Body} from the worker thread (downloads of backups and exports, with back-pressure).
 */
public final class WebResponse {

  /** The one JSON mapper of the web layer: no timestamps as numbers, nothing indented. */
  public static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Writes a streamed body; the stream's writes wait while the client is slow to read. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private final int status;
  private final String contentType;
  private final byte[] bytes;
  private final Body stream;
  private final long length;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();

  private WebResponse(int status, String contentType, byte[] bytes, Body stream, long length) {
    this.status = status;
    this.contentType = contentType;
    this.bytes = bytes;
    this.stream = stream;
    this.length = length;
  }

  public static WebResponse html(int status, String html) {
    return bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  public static WebResponse text(int status, String contentType, String text) {
    return bytes(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  public static WebResponse bytes(int status, String contentType, byte[] body) {
    return new WebResponse(status, contentType, body, null, body.length);
  }

  /** A JSON answer of any Jackson-serializable value (records, maps, lists). */
  public static WebResponse json(int status, Object value) {
    try {
      return bytes(status, "application/json", JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + e.getMessage(), e);
    }
  }

  /** 303 See Other: the answer to a form post (post/redirect/get). */
  public static WebResponse redirect(String location) {
    return bytes(303, "text/plain; charset=utf-8", new byte[0]).header("Location", location);
  }

  /**
   * A download streamed from the worker thread.
   *
   * @param length the body's length in bytes, or -1 when unknown (sent chunked)
   * @param fileName offered as the attachment's name; plain ASCII without quotes
   */
  public static WebResponse download(String contentType, String fileName, long length, Body body) {
    if (!fileName.matches("[A-Za-z0-9._@+-]{1,200}")) {
      throw new IllegalArgumentException("a download's name is plain ASCII: " + fileName);
    }
    return new WebResponse(200, contentType, null, body, length)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
  }

  /** Adds a header (several of one name are kept, e.g. Set-Cookie). */
  public WebResponse header(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a header value is one line");
    }
    headers.add(Map.entry(name, value));
    return this;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public List<Map.Entry<String, String>> headers() {
    return List.copyOf(headers);
  }

  /** The first value of a header this response sets. */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The body held in memory; empty for a streamed one. */
  public Optional<byte[]> body() {
    return Optional.ofNullable(bytes);
  }

  /** The streamed body; empty for one held in memory. */
  public Optional<Body> stream() {
    return Optional.ofNullable(stream);
  }

  /** The body's length, -1 for a stream of unknown length. */
  public long length() {
    return length;
  }
}
