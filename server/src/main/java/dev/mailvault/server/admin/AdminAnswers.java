package dev.mailvault.server.admin;

import static dev.mailvault.server.admin.AdminProtocol.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailvault.core.error.MailvaultException;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admin request run against a node's {@link AdminOperations}, whichever way it came (the admin
 * socket, the cluster's RPC): every failure becomes the error answer with its code (ADR 0125,
 * 0286).
 */
public final class AdminAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(AdminAnswers.class);

  private AdminAnswers() {}

  /** The request object for {@code op} with {@code args}. */
  public static ObjectNode request(String op, Map<String, ?> args) {
    ObjectNode request = JSON.createObjectNode();
    request.put(AdminProtocol.OP, op);
    request.set(AdminProtocol.ARGS, JSON.valueToTree(args));
    return request;
  }

  /** {@link #request} as JSON bytes, for a transport that carries bytes. */
  public static byte[] requestBytes(String op, Map<String, ?> args) {
    try {
      return JSON.writeValueAsBytes(request(op, args));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree did not serialize", e);
    }
  }

  /** Runs {@code request} (JSON bytes) and answers with the final line's JSON bytes. */
  public static byte[] answer(AdminOperations operations, byte[] request) {
    return answer(operations, request, (name, args) -> true);
  }

  /** Whether a transport offers one request: its operation's name with these arguments. */
  @FunctionalInterface
  public interface Offer {
    boolean offers(String name, JsonNode args) throws MailvaultException;
  }

  /**
   * Runs {@code request} (JSON bytes) if {@code offer} accepts it, and answers with the final
   * line's JSON bytes; a request it does not accept is refused unrun.
   */
  public static byte[] answer(AdminOperations operations, byte[] request, Offer offer) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(request);
    } catch (IOException e) {
      parsed = null;
    }
    ObjectNode answer;
    if (parsed == null || !parsed.isObject()) {
      answer = error("the request is not JSON", null);
    } else {
      String name = parsed.path(AdminProtocol.OP).asText("");
      try {
        answer =
            offer.offers(name, parsed.path(AdminProtocol.ARGS))
                ? answer(operations, parsed, line -> {})
                : error("admin operation '" + name + "' not offered here", null);
      } catch (MailvaultException e) {
        answer = error(e.getMessage(), AdminFailures.code(e));
      }
    }
    try {
      return JSON.writeValueAsBytes(answer);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree did not serialize", e);
    }
  }

  /** Runs {@code request}; progress lines go to {@code progress}. */
  static ObjectNode answer(
      AdminOperations operations, JsonNode request, Consumer<String> progress) {
    String name = request.path(AdminProtocol.OP).asText("");
    AdminOperation operation = operations.find(name).orElse(null);
    if (operation == null) {
      return error("unknown admin operation '" + name + "'", null);
    }
    try {
      Map<String, ?> result = operation.run(request.path(AdminProtocol.ARGS), progress);
      ObjectNode done = JSON.createObjectNode();
      done.set(AdminProtocol.RESULT, JSON.valueToTree(result));
      return done;
    } catch (AdminException e) {
      return error(e.getMessage(), e.code());
    } catch (MailvaultException e) {
      return error(e.getMessage(), AdminFailures.code(e));
    } catch (RuntimeException e) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      // The exception's class and stack only: its message may carry an address (DESIGN §1).
      LOG.warn("admin operation {} failed, id {}: {}", name, id, e.getClass().getName());
      return error("internal error in the server (id " + id + ", see its log)", null);
    }
  }

  /**
   * The result of an answer (the final line).
   *
   * @throws AdminException with the node's message and code when it is an error
   */
  public static JsonNode result(byte[] answer) throws MailvaultException {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(answer);
    } catch (IOException e) {
      throw new MailvaultException("the node's answer is not JSON");
    }
    return result(parsed);
  }

  static JsonNode result(JsonNode answer) throws AdminException {
    if (answer.has(AdminProtocol.RESULT)) {
      return answer.get(AdminProtocol.RESULT);
    }
    throw new AdminException(
        answer.path(AdminProtocol.CODE).asText(""),
        answer.path(AdminProtocol.ERROR).asText("the node refused without a reason"));
  }

  static ObjectNode error(String message, String code) {
    ObjectNode node = JSON.createObjectNode();
    node.put(AdminProtocol.ERROR, message);
    if (code != null) {
      node.put(AdminProtocol.CODE, code);
    }
    return node;
  }
}
