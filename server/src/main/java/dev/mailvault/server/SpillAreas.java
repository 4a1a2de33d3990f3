package dev.mailvault.server;

import dev.mailvault.core.spill.InFlightBudget;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.IOException;

/** Opens the node's spill area and its in-flight budget from the settings (ADR 0165, 0166). */
final class SpillAreas {

  private SpillAreas() {}

  static SpillArea open(DataLayout layout, Settings settings) throws ConfigException {
    long threshold = settings.positiveLong(Setting.SPILL_THRESHOLD);
    if (threshold > Integer.MAX_VALUE - 8) {
      throw new ConfigException(Setting.SPILL_THRESHOLD.env() + " must fit one Java array");
    }
    InFlightBudget budget = new InFlightBudget(settings.positiveLong(Setting.INFLIGHT_MAX_BYTES));
    try {
      return SpillArea.open(layout.temp(), (int) threshold, budget);
    } catch (IOException e) {
      throw new ConfigException("cannot use " + layout.temp() + ": " + e.getMessage());
    }
  }
}
