package dev.mailvault.core.mime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a recorded {@code .expected} transcript of the golden corpus (format: the corpus README):
 * blocks of {@code C:} command, {@code S:} responses with inline literals, {@code H:} hashes of
 * omitted literals, and {@code T:} tagged status.
 */
public record ExpectedResponses(List<Block> blocks) {

  /**
   * One command and what the reference server answered.
   *
   * @param items the FETCH items of every untagged FETCH response, by item name upper-cased
   */
  public record Block(String command, Map<String, SExpr> items, String status) {

    public boolean disconnected() {
      return status.startsWith("DISCONNECTED");
    }
  }

  private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\}$");

  public static ExpectedResponses read(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    List<Block> blocks = new ArrayList<>();
    int pos = 0;
    String command = null;
    List<byte[]> responses = new ArrayList<>();
    List<String[]> hashes = new ArrayList<>();
    while (pos < data.length) {
      int lineEnd = indexOfCrlf(data, pos);
      String line = new String(data, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      if (line.startsWith("S: ")) {
        // Read the record, following inline literals.
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        int start = pos + 3;
        int end = lineEnd;
        while (true) {
          record.write(data, start, end - start);
          String piece = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
          Matcher m = LITERAL_AT_END.matcher(piece);
          if (!m.find()) {
            break;
          }
          int size = Integer.parseInt(m.group(1));
          record.write('\r');
          record.write('\n');
          record.write(data, end + 2, size);
          start = end + 2 + size;
          end = indexOfCrlf(data, start);
        }
        responses.add(record.toByteArray());
        pos = end + 2;
        continue;
      }
      if (line.startsWith("C: ")) {
        command = line.substring(3);
        responses = new ArrayList<>();
        hashes = new ArrayList<>();
      } else if (line.startsWith("H: ")) {
        String[] parts = line.substring(3).split(" ");
        hashes.add(new String[] {parts[0], parts[1].substring("sha256:".length())});
      } else if (line.startsWith("T: ")) {
        blocks.add(new Block(command, fetchItems(responses, hashes), line.substring(3)));
      }
      pos = lineEnd + 2;
    }
    return new ExpectedResponses(blocks);
  }

  private static Map<String, SExpr> fetchItems(List<byte[]> responses, List<String[]> hashes) {
    Map<String, SExpr> items = new LinkedHashMap<>();
    List<String[]> remaining = new ArrayList<>(hashes);
    for (byte[] response : responses) {
      String text = new String(response, StandardCharsets.ISO_8859_1);
      Matcher m = Pattern.compile("^\\* \\d+ FETCH ").matcher(text);
      int omitted = countOmitted(response);
      List<String[]> mine =
          new ArrayList<>(remaining.subList(0, Math.min(omitted, remaining.size())));
      remaining = new ArrayList<>(remaining.subList(mine.size(), remaining.size()));
      if (!m.find()) {
        continue;
      }
      SExpr.Reader reader = new SExpr.Reader(response, mine);
      reader.pos = m.end();
      SExpr list = reader.read();
      List<SExpr> values = ((SExpr.ListExpr) list).items();
      for (int i = 0; i + 1 < values.size(); i += 2) {
        String name = ((SExpr.Atom) values.get(i)).text().toUpperCase(java.util.Locale.ROOT);
        items.put(name, values.get(i + 1));
      }
    }
    return items;
  }

  // Omitted literals are {N} not followed by CRLF.
  private static int countOmitted(byte[] response) {
    int count = 0;
    Matcher m =
        Pattern.compile("\\{(\\d+)\\}").matcher(new String(response, StandardCharsets.ISO_8859_1));
    int skipUntil = 0;
    while (m.find()) {
      if (m.start() < skipUntil) {
        continue;
      }
      int after = m.end();
      if (after + 1 < response.length && response[after] == '\r' && response[after + 1] == '\n') {
        skipUntil = after + 2 + Integer.parseInt(m.group(1));
      } else {
        count++;
      }
    }
    return count;
  }

  private static int indexOfCrlf(byte[] data, int from) {
    for (int i = from; i + 1 < data.length; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        return i;
      }
    }
    return data.length;
  }
}
