package dev.mailvault.bench.imap;

import dev.mailvault.bench.ServerColumn;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The table of the ImapTest stress benchmark: one column per server, read from the properties
 * {@link ImapTestRun} wrote (plus {@code rssBytes}, which the script adds), and rows of the first
 * column divided by each column:
 *
 * <pre>ImapTestStressReport "Mailvault=mailvault.properties" "Dovecot plain=plain.properties" ...
 * </pre>
 *
 * A server whose file is missing (a run with {@code --only}) gets dashes.
 */
public final class ImapTestStressReport {

  private record Row(String name, String key, double scale) {}

  private static final double MIB = 1024.0 * 1024.0;

  private static final List<Row> ROWS =
      List.of(
          new Row("default mix: commands/s", "default.commandsPerSecond", 1),
          new Row("default mix: commands per server CPU-second", "default.commandsPerCpuSecond", 1),
          new Row("read-only mix: commands/s", "readonly.commandsPerSecond", 1),
          new Row(
              "read-only mix: commands per server CPU-second", "readonly.commandsPerCpuSecond", 1),
          new Row("server RSS after the runs (MiB)", "rssBytes", MIB));

  private ImapTestStressReport() {}

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
        out.append(' ').append(v == null ? "—" : number(v)).append(" |");
      }
      out.append('\n');
      if (row.name().startsWith("read-only mix: commands per")) {
        errorsRow(out, columns);
      }
    }
    ServerColumn first = columns.get(0);
    for (Row row : ROWS) {
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

  /** ImapTest's {@code Error:} lines, default mix + read-only mix: 0 for a correct server. */
  private static void errorsRow(StringBuilder out, List<ServerColumn> columns) {
    out.append("| Error: lines (default + read-only) |");
    for (ServerColumn c : columns) {
      String d = c.figures().getProperty("default.errors");
      String r = c.figures().getProperty("readonly.errors");
      String cell;
      if (d == null && r == null) {
        cell = "—";
      } else {
        cell =
            Long.toString(
                (d == null ? 0 : Long.parseLong(d)) + (r == null ? 0 : Long.parseLong(r)));
      }
      out.append(' ').append(cell).append(" |");
    }
    out.append('\n');
  }

  private static Double value(ServerColumn c, Row row) {
    String v = c.figures().getProperty(row.key(), "");
    return v.isEmpty() ? null : Double.parseDouble(v) / row.scale();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
  }
}
