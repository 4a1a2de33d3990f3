package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One named operation a running {@code serve} performs for the CLI over the admin socket (ADR
 * 0125). It runs on a thread of the admin channel, may report progress lines and returns its result
 * as a JSON-able map; a {@link MailvaultException} becomes the client's one-line error.
 */
@FunctionalInterface
public interface AdminOperation {

  /**
   * @param args the request's arguments (an object, possibly empty)
   * @param progress takes human-readable progress lines, sent to the client at once
   */
  Map<String, ?> run(JsonNode args, Consumer<String> progress) throws MailvaultException;
}
