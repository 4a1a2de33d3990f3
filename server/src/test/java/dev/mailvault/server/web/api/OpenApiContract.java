package dev.mailvault.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mailvault.server.web.WebClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document as a contract: each answer is checked against the schema the document gives
 * for its path, method and status (JSON Schema 2020-12, as OpenAPI 3.1 uses), and every operation
 * answered is counted so a test can require that all of them were exercised.
 */
final class OpenApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final JsonNode document;
  private final Set<String> exercised = new TreeSet<>();
  private final Set<String> errorCodes = new TreeSet<>();
  private final Map<String, Schema> validators = new java.util.HashMap<>();

  OpenApiContract(JsonNode document) {
    this.document = document;
  }

  /**
   * Checks one answer against the document.
   *
   * @param template the documented path, e.g. {@code /api/v1/aliases/{address}}; null for an answer
   *     no operation documents (then it must be an Error)
   */
  void check(String method, String template, WebClient.Reply reply) throws Exception {
    String status = Integer.toString(reply.status());
    JsonNode schema;
    String contentType = reply.header("Content-Type").orElse("");
    if (template == null) {
      schema = JSON.readTree("{\"$ref\": \"#/components/schemas/Error\"}");
    } else {
      JsonNode operation =
          document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
      assertThat(operation.isObject()).as("%s %s is documented", method, template).isTrue();
      JsonNode response = operation.path("responses").path(status);
      assertThat(response.isObject())
          .as("%s %s documents status %s (body %s)", method, template, status, reply.text())
          .isTrue();
      response = resolve(response);
      JsonNode content = response.path("content");
      String mediaType = contentType.split(";")[0].trim();
      assertThat(content.has(mediaType))
          .as("%s %s %s documents %s", method, template, status, mediaType)
          .isTrue();
      schema = content.path(mediaType).path("schema");
      for (Iterator<String> names = response.path("headers").fieldNames(); names.hasNext(); ) {
        String header = names.next();
        assertThat(reply.header(header))
            .as("%s %s %s header %s", method, template, status, header)
            .isPresent();
      }
      exercised.add(method + " " + template);
    }
    if (!contentType.startsWith("application/json")) {
      assertThat(schema.path("format").asText()).isEqualTo("binary");
      return;
    }
    String key = method + " " + template + " " + status;
    Schema validator = validators.get(key);
    if (validator == null) {
      ObjectNode root = JSON.createObjectNode();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.set("components", document.path("components"));
      root.putObject("$defs").set("target", schema);
      root.put("$ref", "#/$defs/target");
      validator = SCHEMAS.getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
      validators.put(key, validator);
    }
    List<Error> errors = validator.validate(reply.text(), InputFormat.JSON);
    assertThat(errors).as("%s %s %s: %s", method, template, status, reply.text()).isEmpty();
    if (reply.status() >= 400) {
      errorCodes.add(reply.json().path("error").asText());
    }
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (ref.startsWith("#/components/responses/")) {
      return document.path("components").path("responses").path(ref.substring(23));
    }
    return node;
  }

  /** Every operation of the document, as {@code METHOD /path}. */
  Set<String> operations() {
    Set<String> all = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        all.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return all;
  }

  Set<String> exercised() {
    return exercised;
  }

  Set<String> errorCodes() {
    return errorCodes;
  }

  /** The codes the Error schema lists. */
  List<String> documentedCodes() {
    List<String> codes = new ArrayList<>();
    document
        .path("components")
        .path("schemas")
        .path("Error")
        .path("properties")
        .path("error")
        .path("enum")
        .forEach(c -> codes.add(c.asText()));
    return codes;
  }
}
