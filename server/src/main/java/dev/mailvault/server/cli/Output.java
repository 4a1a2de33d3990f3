package dev.mailvault.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints results for people (aligned text) or, with {@code --json}, for scripts. */
final class Output {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules();

  private final boolean json;
  private final PrintStream out;

  Output(boolean json) {
    this(json, System.out);
  }

  Output(boolean json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  boolean json() {
    return json;
  }

  /** One result: a message for people, the map as a JSON object for scripts. */
  void result(String human, Map<String, ?> data) {
    if (json) {
      out.println(toJson(data));
    } else {
      out.println(human);
    }
  }

  /** A table for people (header plus rows), a JSON array of objects for scripts. */
  void table(List<String> columns, List<Map<String, ?>> rows, String emptyMessage) {
    if (json) {
      out.println(toJson(rows));
      return;
    }
    if (rows.isEmpty()) {
      out.println(emptyMessage);
      return;
    }
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (Map<String, ?> row : rows) {
        widths[i] = Math.max(widths[i], String.valueOf(row.get(columns.get(i))).length());
      }
    }
    out.println(line(columns, widths, columns.stream().map(String::toUpperCase).toList()));
    for (Map<String, ?> row : rows) {
      out.println(
          line(columns, widths, columns.stream().map(c -> String.valueOf(row.get(c))).toList()));
    }
  }

  private static String line(List<String> columns, int[] widths, List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append("  ");
      }
      String cell = cells.get(i);
      sb.append(cell);
      if (i < columns.size() - 1) {
        sb.append(" ".repeat(widths[i] - cell.length()));
      }
    }
    return sb.toString();
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
