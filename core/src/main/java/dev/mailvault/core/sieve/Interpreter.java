package dev.mailvault.core.sieve;

import java.util.List;
import java.util.Set;

/** Runs compiled commands on one message. */
final class Interpreter {

  Interpreter(Set<String> required, SieveMessage message, SieveEnvironment environment) {}

  SieveOutcome run(List<Node> commands) throws SieveRuntimeException {
    return SieveOutcome.keepOnly();
  }
}
