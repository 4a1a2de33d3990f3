package dev.mailvault.bench.imap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ImapTest stress run printed: the commands per state from its closing table, and how many
 * lines reported an answer that contradicts ImapTest's model of the mailbox ({@code Error:}). The
 * table is {@code Totals:}, a line of state names ({@code Logi List Stat Sele Fetc ...}), one or
 * two lines of probabilities ({@code 100% 50% ...}), then the line of counts.
 */
record ImapTestTotals(Map<String, Long> perState, int errorLines) {

  static ImapTestTotals parse(String output) {
    List<String> lines = output.lines().toList();
    int errors = (int) lines.stream().filter(l -> l.contains("Error:")).count();
    int totals = lines.lastIndexOf("Totals:");
    if (totals < 0) {
      throw new IllegalArgumentException("no Totals: in ImapTest's output");
    }
    String[] names = lines.get(totals + 1).trim().split("\\s+");
    int i = totals + 2;
    while (i < lines.size() && lines.get(i).contains("%")) {
      i++;
    }
    if (i >= lines.size()) {
      throw new IllegalArgumentException("no line of counts after Totals:");
    }
    String[] counts = lines.get(i).trim().split("\\s+");
    if (counts.length != names.length) {
      throw new IllegalArgumentException(
          "Totals: " + names.length + " states but " + counts.length + " counts: " + lines.get(i));
    }
    Map<String, Long> perState = new LinkedHashMap<>();
    for (int k = 0; k < names.length; k++) {
      perState.merge(names[k], Long.parseLong(counts[k]), Long::sum);
    }
    return new ImapTestTotals(perState, errors);
  }

  long commands() {
    return perState.values().stream().mapToLong(Long::longValue).sum();
  }
}
