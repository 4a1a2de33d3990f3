package dev.mailvault.server.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request's JSON object body, read with bounds: the listener caps the body at 1 MiB, and each
 * field is checked for its type and length before use.
 */
final class ApiBody {

  /** At most this many characters in an address or domain. */
  static final int MAX_ADDRESS = 320;

  /** At most this many characters in a password. */
  static final int MAX_PASSWORD = 1024;

  /** At most this many characters in a forward target (an address or a URL). */
  static final int MAX_TARGET = 2048;

  private final ObjectNode json;

  private ApiBody(ObjectNode json) {
    this.json = json;
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static ApiBody of(WebRequest request) throws WebException {
    byte[] body = request.body();
    if (body.length == 0) {
      return new ApiBody(WebResponse.JSON.createObjectNode());
    }
    String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      throw new WebException(
          415, ApiErrors.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    JsonNode node;
    try {
      node = WebResponse.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw WebException.badRequest("the body is not valid JSON");
    } catch (java.io.IOException e) {
      throw WebException.badRequest("the body cannot be read");
    }
    if (node == null || !node.isObject()) {
      throw WebException.badRequest("the body is a JSON object");
    }
    return new ApiBody((ObjectNode) node);
  }

  /** A required string field of at most {@code max} characters. */
  String text(String name, int max) throws WebException {
    return optionalText(name, max)
        .orElseThrow(() -> WebException.badRequest("the field '" + name + "' is required"));
  }

  /** An optional string field of at most {@code max} characters (null counts as absent). */
  Optional<String> optionalText(String name, int max) throws WebException {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw WebException.badRequest("the field '" + name + "' is a string");
    }
    String value = node.textValue();
    if (value.isEmpty() || value.length() > max) {
      throw WebException.badRequest("the field '" + name + "' is 1 to " + max + " characters long");
    }
    return Optional.of(value);
  }

  /** A password field as characters the caller wipes; null when absent. */
  char[] password(String name) throws WebException {
    return optionalText(name, MAX_PASSWORD).map(String::toCharArray).orElse(null);
  }

  /** An optional non-negative whole number (null counts as absent, i.e. unlimited). */
  OptionalLong optionalCount(String name) throws WebException {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return OptionalLong.empty();
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
      throw WebException.badRequest("the field '" + name + "' is a whole number, 0 or more");
    }
    return OptionalLong.of(node.longValue());
  }

  /** An optional boolean, {@code otherwise} when absent. */
  boolean flag(String name, boolean otherwise) throws WebException {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isBoolean()) {
      throw WebException.badRequest("the field '" + name + "' is true or false");
    }
    return node.booleanValue();
  }
}
