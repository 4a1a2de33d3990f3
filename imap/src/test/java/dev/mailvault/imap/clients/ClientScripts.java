package dev.mailvault.imap.clients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The client scripts under {@code src/test/resources/clients}, and what they print. */
final class ClientScripts {

  private ClientScripts() {}

  /** Copies the script {@code name} into {@code dir} and returns its path. */
  static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = ClientScripts.class.getResourceAsStream("/clients/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /clients/" + name);
      }
      Files.copy(in, target);
    }
    return target;
  }

  /** The values of every output line {@code "key: value"}, in order. */
  static List<String> values(String output, String key) {
    List<String> values = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(key + ": ")) {
        values.add(line.substring(key.length() + 2).strip());
      } else if (line.equals(key + ":")) {
        values.add("");
      }
    }
    return values;
  }

  /** The value of the single output line {@code "key: value"}. */
  static String value(String output, String key) {
    List<String> values = values(output, key);
    if (values.size() != 1) {
      throw new AssertionError("expected one '" + key + ":' line in:\n" + output);
    }
    return values.get(0);
  }
}
