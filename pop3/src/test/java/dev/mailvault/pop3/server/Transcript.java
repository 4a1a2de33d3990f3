package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Runs a transcript against a connection, as James's protocol tests do: {@code C:} lines are sent
 * as written, {@code S:} lines are regular expressions each next server line must match in full, a
 * bare {@code S:} is an empty line, and {@code CLOSED} expects the server to have ended the
 * connection. {@code {PASSWORD}} stands for the test alias's password.
 */
final class Transcript {

  private Transcript() {}

  static void run(Pop3Client client, String script) throws IOException {
    int number = 0;
    for (String raw : script.strip().split("\n")) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("C: ")) {
        client.send(line.substring(3).replace("{PASSWORD}", LivePop3Server.PASSWORD));
      } else if (line.startsWith("S: ") || line.equals("S:")) {
        String got = client.line();
        assertThat(got)
            .as("transcript line %d: %s", number, line)
            .isNotNull()
            .matches(Pattern.compile(line.length() > 3 ? line.substring(3) : ""));
      } else if (line.equals("CLOSED")) {
        assertThat(client.closedByServer()).as("transcript line %d: closed", number).isTrue();
      } else {
        throw new IllegalArgumentException("transcript line " + number + ": " + line);
      }
    }
  }
}
