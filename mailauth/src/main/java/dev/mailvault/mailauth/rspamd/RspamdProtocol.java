package dev.mailvault.mailauth.rspamd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rspamd's HTTP protocol without the I/O: the request headers of a scan and the reading of its
 * answers (rspamd's documentation, "Rspamd protocol"). Pure, so it is tested without a daemon.
 */
final class RspamdProtocol {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RspamdProtocol() {}

  /** The headers of a {@code /checkv2} request, in order; a name may repeat ({@code Rcpt}). */
  static List<Map.Entry<String, String>> scanHeaders(RspamdScan scan) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("IP", scan.client().getHostAddress()));
    headers.add(Map.entry("Helo", headerValue(scan.helo())));
    // rspamd reads "<>" as the null reverse path (a bounce).
    headers.add(Map.entry("From", scan.mailFrom().isEmpty() ? "<>" : address(scan.mailFrom())));
    for (String recipient : scan.rcptTo()) {
      headers.add(Map.entry("Rcpt", address(recipient)));
    }
    headers.add(Map.entry("Queue-Id", headerValue(scan.queueId())));
    headers.add(Map.entry("MTA-Name", headerValue(scan.mtaName())));
    scan.tls()
        .ifPresent(
            tls -> {
              String description = tls.trim();
              int space = description.indexOf(' ');
              String version = space < 0 ? description : description.substring(0, space);
              headers.add(Map.entry("TLS-Version", headerValue(version)));
              if (space >= 0) {
                headers.add(
                    Map.entry("TLS-Cipher", headerValue(description.substring(space + 1).trim())));
              }
            });
    scan.bayesUser().ifPresent(user -> headers.add(Map.entry("Deliver-To", headerValue(user))));
    if (!scan.knownResults().isEmpty()) {
      headers.add(Map.entry("Settings", settings(scan.knownResults())));
    }
    headers.removeIf(header -> header.getValue().isEmpty());
    return headers;
  }

  /**
   * The {@code Settings} header's JSON: our results inserted as symbols, and rspamd's own SPF, DKIM
   * and DMARC checks disabled so that it does not look the same records up again (its settings
   * module, {@code apply_settings}: an object of symbols is inserted with each score and options).
   * Jackson escapes every control character, so the JSON is one line.
   */
  static String settings(List<RspamdSymbol> knownResults) {
    ObjectNode settings = JSON.createObjectNode();
    ArrayNode disabled = settings.putArray("symbols_disabled");
    AuthenticationSymbols.CHECKS.forEach(disabled::add);
    ObjectNode symbols = settings.putObject("symbols");
    for (RspamdSymbol symbol : knownResults) {
      ObjectNode entry = symbols.putObject(symbol.name());
      entry.put("score", symbol.score());
      ArrayNode options = entry.putArray("options");
      symbol.options().forEach(options::add);
    }
    try {
      return headerValue(JSON.writeValueAsString(settings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  /**
   * An envelope address as rspamd parses it: the domain in A-labels (RFC 5891 §4.4). rspamd 3.4
   * flags any non-ASCII envelope address as broken headers (score 8 to 10, enough for Junk), so an
   * address whose local part is UTF-8 (RFC 6531 §3.3) is not sent at all ({@code ""}): rspamd then
   * takes the addresses from the message's own header fields, as it does for a bounce's.
   */
  static String address(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return headerValue(address);
    }
    String local = address.substring(0, at);
    if (!local.chars().allMatch(c -> c < 0x80)) {
      return "";
    }
    String domain = address.substring(at + 1);
    try {
      domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException notADomainName) {
      // an address literal or a malformed name: sent as it came
    }
    return headerValue(local + "@" + domain);
  }

  /**
   * A header value that cannot end the header: the text without control characters (CR and LF among
   * them). The client writes header values as UTF-8, so rspamd receives the UTF-8 of an
   * internationalised address (RFC 6531).
   */
  static String headerValue(String text) {
    StringBuilder value = new StringBuilder(text.length());
    text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(value::appendCodePoint);
    return value.toString().strip();
  }

  /** Reads a {@code /checkv2} answer. */
  static RspamdVerdict verdict(byte[] body) throws RspamdException {
    JsonNode root = tree(body);
    if (!root.isObject() || !root.path("action").isTextual() || !root.path("score").isNumber()) {
      throw new RspamdException("rspamd answered a scan without an action and a score");
    }
    List<RspamdSymbol> symbols = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("symbols").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode symbol = entry.getValue();
      List<String> options = new ArrayList<>();
      for (JsonNode option : symbol.path("options")) {
        options.add(option.asText());
      }
      symbols.add(new RspamdSymbol(entry.getKey(), symbol.path("score").asDouble(), options));
    }
    return new RspamdVerdict(
        RspamdAction.parse(root.path("action").asText()),
        root.path("score").asDouble(),
        root.path("required_score").asDouble(),
        symbols,
        text(root.path("messages").path("smtp_message")),
        text(root.path("subject")));
  }

  /**
   * Reads a {@code /learnspam} or {@code /learnham} answer: {@code {"success":true}} is learned, an
   * {@code {"error":...}} is refused (rspamd's "already learned", too few tokens).
   */
  static LearnOutcome learnOutcome(byte[] body) throws RspamdException {
    JsonNode root = tree(body);
    if (root.path("success").asBoolean(false)) {
      return LearnOutcome.LEARNED;
    }
    if (root.has("error") || root.has("success")) {
      return LearnOutcome.REFUSED;
    }
    throw new RspamdException("rspamd answered a lesson with neither success nor error");
  }

  static JsonNode tree(byte[] body) throws RspamdException {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new RspamdException("rspamd answered with an empty body");
      }
      return root;
    } catch (IOException e) {
      // Jackson's message may quote the body (which may quote the message): not kept.
      throw new RspamdException("rspamd answered with a body that is not JSON");
    }
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty()
        ? Optional.of(node.asText())
        : Optional.empty();
  }
}
