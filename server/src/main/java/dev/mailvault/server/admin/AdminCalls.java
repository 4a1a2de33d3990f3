package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A way to run a node's {@link AdminOperations} from elsewhere: the CLI over the admin socket
 * ({@link AdminClient}), a front-end over the cluster's RPC (ADR 0286).
 */
@FunctionalInterface
public interface AdminCalls {

  /**
   * Runs operation {@code op} with {@code args}, passing progress lines to {@code progress}.
   *
   * @return the result object
   * @throws AdminException with the node's message and code when it refused
   */
  JsonNode call(String op, Map<String, ?> args, Consumer<String> progress)
      throws MailvaultException;
}
