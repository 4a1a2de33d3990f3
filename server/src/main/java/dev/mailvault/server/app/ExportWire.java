package dev.mailvault.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.export.ExportFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An export's status as the {@code export.*} admin operations carry it from a primary to a
 * front-end (ADR 0286): the job's own fields and the vault it exports, which routes the next call
 * about it.
 */
public final class ExportWire {

  private ExportWire() {}

  static Map<String, Object> write(Exports.Status s, String vaultId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("vault", vaultId);
    m.put("address", s.address());
    m.put("format", s.format().cliName());
    m.put("state", s.state().name());
    m.put("messagesDone", s.messagesDone());
    m.put("messagesTotal", s.messagesTotal());
    m.put("bytes", s.bytes());
    m.put("error", s.error().orElse(null));
    m.put("created", s.created().toString());
    m.put("expires", s.expires().toString());
    return m;
  }

  /** The job's id on the primary that runs it. */
  public static String jobId(JsonNode node) {
    return node.path("id").asText("");
  }

  /** The vault the job exports. */
  public static String vaultId(JsonNode node) {
    return node.path("vault").asText("");
  }

  /** The status {@link #write} wrote, under {@code id}. */
  public static Exports.Status read(JsonNode node, String id) throws MailvaultException {
    try {
      return new Exports.Status(
          id,
          node.path("address").asText(""),
          ExportFormat.byName(node.path("format").asText(""))
              .orElseThrow(() -> new MailvaultException("the primary named no export format")),
          Exports.State.valueOf(node.path("state").asText("").toUpperCase(Locale.ROOT)),
          node.path("messagesDone").asLong(),
          node.path("messagesTotal").asLong(),
          node.path("bytes").asLong(),
          node.hasNonNull("error") ? Optional.of(node.get("error").asText()) : Optional.empty(),
          Instant.parse(node.path("created").asText("")),
          Instant.parse(node.path("expires").asText("")));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new MailvaultException("the primary's export status does not parse");
    }
  }
}
