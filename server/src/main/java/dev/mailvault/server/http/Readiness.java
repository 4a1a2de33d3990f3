package dev.mailvault.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether this node should be sent traffic (ADR 0257): every listener is bound and the directory
 * answers a trivial read. It reads the directory, so it runs under a {@link HealthMonitor} off the
 * event loop; {@code GET /readyz} answers from the monitor's last result.
 */
public final class Readiness implements Supplier<String> {

  /** Names of the parts, as {@code /readyz} lists them. */
  static final String LISTENERS = "listeners";

  static final String DIRECTORY = "directory";

  private final BooleanSupplier listenersUp;
  private final Runnable directoryRead;

  /**
   * @param listenersUp whether every listener of the node is bound now
   * @param directoryRead a trivial read of the directory; throwing means it does not answer
   */
  public Readiness(BooleanSupplier listenersUp, Runnable directoryRead) {
    this.listenersUp = listenersUp;
    this.directoryRead = directoryRead;
  }

  /** Null when ready; otherwise the parts not ready, comma-separated ({@code directory}). */
  @Override
  public String get() {
    List<String> parts = new ArrayList<>();
    if (!listenersUp.getAsBoolean()) {
      parts.add(LISTENERS);
    }
    try {
      directoryRead.run();
    } catch (RuntimeException e) {
      // The cause may name a file or a database: the part's name says enough to an operator.
      parts.add(DIRECTORY);
    }
    return parts.isEmpty() ? null : String.join(",", parts);
  }
}
