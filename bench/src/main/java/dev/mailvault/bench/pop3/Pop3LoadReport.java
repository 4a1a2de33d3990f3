package dev.mailvault.bench.pop3;

import dev.mailvault.bench.ServerColumn;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The table of the POP3 benchmark: one column per server, read from the properties {@link Pop3Load}
 * wrote, and rows of the first server that ran divided by each column:
 *
 * <pre>Pop3LoadReport "Mailvault=mailvault.properties" "Dovecot plain=plain.properties" ...</pre>
 *
 * A server whose file is missing (a run with {@code --only}) gets dashes, and the ratios are then
 * those of the next column that ran.
 */
public final class Pop3LoadReport {

  /**
   * A row; {@code ratio}: whether the first server divided by each column means something; {@code
   * count}: a whole number, shown without decimals.
   */
  private record Row(String name, String key, boolean ratio, boolean count) {
    Row(String name, String key, boolean ratio) {
      this(name, key, ratio, false);
    }
  }

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "sessions/s (login + STAT + RETR of every message + QUIT)",
              "sessionsPerSecond",
              true),
          new Row("RETR/s", "retrsPerSecond", true),
          new Row("MB/s retrieved (10⁶ octets)", "megabytesPerSecond", true),
          new Row("server CPU-seconds in the window", "serverCpuSeconds", false),
          new Row("sessions per server CPU-second", "sessionsPerCpuSecond", true),
          new Row("MB per server CPU-second", "megabytesPerCpuSecond", true),
          new Row("load tool CPU-seconds in the window", "clientCpuSeconds", false),
          new Row("login p50 (ms, connect to +OK after PASS)", "loginP50", false),
          new Row("session p50 (ms)", "sessionP50", false),
          new Row("session p99 (ms)", "sessionP99", false),
          new Row("errors (-ERR, wrong maildrop or I/O; warm-up included)", "errors", false, true));

  private Pop3LoadReport() {}

  public static void main(String[] args) throws IOException {
    System.out.print(table(ServerColumn.fromArgs(args)));
  }

  static String table(List<ServerColumn> columns) {
    StringBuilder out = new StringBuilder("| measure |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (ServerColumn c : columns) {
      out.append(' ').append(c.label()).append(" |");
      rule.append(" ---: |");
    }
    out.append('\n').append(rule).append('\n');
    for (Row row : ROWS) {
      out.append("| ").append(row.name()).append(" |");
      for (ServerColumn c : columns) {
        Double v = value(c, row);
        String cell =
            v == null ? "—" : row.count() ? String.format(Locale.ROOT, "%,.0f", v) : number(v);
        out.append(' ').append(cell).append(" |");
      }
      out.append('\n');
    }
    ServerColumn first = columns.stream().filter(ServerColumn::ran).findFirst().orElse(null);
    if (first == null) {
      return out.toString();
    }
    for (Row row : ROWS) {
      if (!row.ratio()) {
        continue;
      }
      out.append("| ").append(first.label()).append(" ÷ column: ").append(row.name()).append(" |");
      Double a = value(first, row);
      for (ServerColumn c : columns) {
        Double b = value(c, row);
        String cell =
            a == null || b == null || b == 0 ? "—" : String.format(Locale.ROOT, "%.2f×", a / b);
        out.append(' ').append(cell).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static Double value(ServerColumn c, Row row) {
    String v = c.figures().getProperty(row.key(), "");
    return v.isEmpty() ? null : Double.parseDouble(v);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }
}
